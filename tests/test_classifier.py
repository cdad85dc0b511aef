"""The paragraph classifier: determinism, plain-data model, content-only tagging."""
import json
import subprocess
import sys

import pytest

from reportlint.classify import predict
from reportlint.classify.features import featurize

SAMPLE = "reportlint/data/sample.txt"


@pytest.mark.slow
def test_shipped_model_equals_a_fresh_train(fitted_model):
    fresh = fitted_model.model
    shipped = predict.load_model(predict.MODEL_PATH)
    assert fresh["labels"] == shipped["labels"]
    assert set(fresh["weights"]) == set(shipped["weights"])
    assert fresh["trained_on"] == shipped["trained_on"]
    worst = max(abs(a - b) for f, ws in fresh["weights"].items() for a, b in zip(ws, shipped["weights"][f]))
    assert worst <= 0.002  # weights are stored rounded to 3 decimals


def test_model_is_plain_json():
    with open(predict.MODEL_PATH, encoding="utf-8") as fh:
        model = json.load(fh)
    assert set(model) >= {"labels", "intercept", "weights"}
    assert model["labels"] == sorted(model["labels"])


@pytest.mark.slow
def test_pure_python_prediction_matches_scikit_learn(fitted_model):
    vec, clf, model = fitted_model.vec, fitted_model.clf, fitted_model.model
    probe = ["全年共办结群众诉求1.2万件，办结率99.1%，较去年提高4.3个百分点。",
             "下一步，我们将继续深化网格化管理，力争年底前实现全覆盖。",
             "实践证明，只有把群众满意作为工作的出发点，基层治理才有持久的生命力。",
             "一是部分干部业务能力不够，二是经费保障不足。"]
    sk = clf.predict(vec.transform([featurize(t) for t in probe]))
    ours = [predict.predict(t, model)[0] for t in probe]
    assert ours == list(sk)
    assert ours == ["outcome", "plan", "insight", "problem"]


@pytest.mark.parametrize("text,label", [
    ("截至10月底，全县累计培训基层干部3200人次，同比增长18.6%，群众满意度达到97.5%。", "outcome"),
    ("建立“周调度、月通报、季考核”工作机制，组织各单位开展交叉检查，对发现的问题实行清单化管理。", "practice"),
    ("我们深刻体会到，抓基层打基础必须坚持问题导向，只有把功夫下在平时，才能在关键时刻经得起考验。", "insight"),
    ("当前仍存在基层力量薄弱、信息化水平不高、部门协同不够顺畅等短板，有待进一步加强。", "problem"),
    ("下一步，我局将重点抓好三方面工作：一是完善制度，二是加强培训，三是强化督导。", "plan"),
    ("各位领导：", "other"),
])
def test_tags_unseen_paragraphs_by_content(text, label):
    assert predict.predict(text)[0] == label


def test_heading_is_not_a_feature():
    # The same body under any heading gets the same content label: featurize sees only the paragraph
    # (the decoded label's confidence may move with the heading: that is the context prior's job).
    from reportlint.api import tag

    body = "全年办结群众诉求1.2万件，办结率99.1%，较去年提高4.3个百分点。"
    a = tag(f"一、主要做法\n{body}\n")
    b = tag(f"一、取得的成效\n{body}\n")
    assert [(t.content_label, t.content_confidence) for t in a] == [(t.content_label, t.content_confidence) for t in b]
    assert [t.label for t in a] == [t.label for t in b] == ["outcome"]
    assert a[0].section_role == "practice" and b[0].section_role == "outcome"


def test_tag_does_not_import_scikit_learn():
    code = ("import sys, runpy; sys.argv=['reportlint','tag','%s','--format','json'];"
            "import reportlint.cli as c; rc=c.main(sys.argv[1:]);"
            "bad=[m for m in ('sklearn','spacy','numpy','scipy') if m in sys.modules];"
            "print('HEAVY', bad)" % SAMPLE)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY []"
    data = json.loads(out[: out.rindex("HEAVY")])
    assert data["paragraphs"] and all(p["label"] in predict.load_model()["labels"] for p in data["paragraphs"])


def test_tag_cli_lines_and_labels():
    out = subprocess.run([sys.executable, "-m", "reportlint.cli", "tag", SAMPLE, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    with open(SAMPLE, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for p in data["paragraphs"]:
        assert lines[p["line"] - 1].strip() == p["text"]  # line numbers point at the paragraph
    first = data["paragraphs"][0]
    assert (first["line"], first["label"]) == (1, "other")  # the title
    by_text = {p["text"][:6]: p["label"] for p in data["paragraphs"]}
    assert by_text["街道辖区面积"] == "background"
    assert by_text["一是部分老旧"] == "problem"


SHUZHI = ("2025—2026学年度述职报告\n一、履行职责情况\n（一）抓常规，稳住教学质量的基本盘。\n"
          "我坚持每周推门听课不少于3节，本学年共听课124节。\n"
          "（二）抓评价，推动学校特色发展。\n我参与制定了学校发展规划，学生在全国青少年科技创新大赛中获得二等奖1项。\n"
          "二、存在的问题\n一是深入学生少。\n三、今后努力的方向\n推进大单元教学研究。\n")


def test_cls001_short_subheading_line_is_too_little_text_to_judge():
    # “（二）抓评价，推动学校特色发展。” on its own line reads like a plan to the classifier, but a
    # dozen characters is no evidence: CLS001 judges only bodies of min_chars (20) word characters.
    from textcheck import where

    assert where(SHUZHI, ["CLS001"]) == []
    long_plan = SHUZHI.replace("（二）抓评价，推动学校特色发展。\n",
                               "（二）抓评价。下一步，我将推动制定学校特色发展规划，力争明年建成两个市级特色项目，"
                               "进一步扩大学校影响力。\n"
                               "今年我组织了全校教师开展了三轮课堂教学比武，参赛教师达到86人，评出一等奖12名。\n")
    # judged only because two other paragraphs of the section are clearly what 履行职责情况 says
    assert where(long_plan, ["CLS001"]) == [(5, 8, "CLS001")]


def test_cls001_accepts_woven_lessons_and_a_problem_lead_in():
    """经验材料 weave 体会 into 做法, and 下一步打算 often opens with the shortfalls: neither is misplaced.
    Results standing under 主要做法 of an 经验材料 still are (when the section's other paragraphs are
    clearly 做法, so the section is what its heading says)."""
    from reportlint.api import check_text

    text = ("关于县域医共体建设的经验交流材料\n"
            "一、主要做法\n"
            "我们的体会是，体制不顺，医共体就只能联而不合，管委会这个平台一定要实实在在运转起来，"
            "只有把人财物统起来，改革才能真正落地。\n"
            "全县基层门诊量同比增长18.6%，县域就诊率达到91.2%，群众满意度提高到97.3%，获评省级示范县。\n"
            "我们组建了县级医共体管委会，建立了人员统一招聘、统一培训、统一调配的管理制度。\n"
            "我们还推行了慢病一体化管理，组织县级专家每周到乡镇分院坐诊，开展了家庭医生签约服务。\n"
            "二、下一步打算\n"
            "当然，我们也清醒地看到，乡镇分院高层次人才依然短缺，信息系统互联互通还不够顺畅，有待进一步加强。\n"
            "下一步，我们将重点推进人才下沉和信息平台整合，力争2027年底前实现检查结果全县互认。\n")
    r = check_text(text, select=["CLS001"], profile="经验交流材料")
    assert [(f.line, f.column, f.code) for f in r.findings] == [(4, 1, "CLS001")]
    assert "成效" in r.findings[0].message
