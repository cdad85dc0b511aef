"""Kind ``outlier``: (options, text, excerpts it reports) — one row per behaviour."""
import pytest

from reportlint.api import check_text

from .kindcase import run_case

KIND = "outlier"
HEAD = "某县农业农村局2026年工作总结\n一、主要工作\n"
FARM = [
    "全年粮食播种面积稳定在52万亩，粮食总产量达到24万吨。我们落实耕地保护责任，建设高标准农田3万亩，推进农业机械化，"
    "帮助农民增收，农业生产保持稳定，农村发展和农民收入持续向好，乡村产业和农业农村建设取得新成效。",
    "发展乡村特色产业，培育茶叶、水果两个主导产业。我们扶持农民专业合作社45家，建设农产品冷藏保鲜设施20处，推进农业"
    "品牌建设，帮助农民拓宽销售渠道，乡村产业带动农民增收的能力明显增强，农村发展活力不断提升。",
    "推进农村人居环境整治，完成农村改厕1200户。我们建立乡村保洁长效机制，推进农村生活污水治理，帮助农民改善居住条件，"
    "农村面貌明显改善，农民群众对乡村环境的满意度不断提高，农业农村建设的基础更加牢固。",
    "加强农业执法监管，开展农资打假专项行动。我们抽检农产品样品600批次，检查农资门店160家，推进农业生产标准化建设，"
    "帮助农民科学用药，农产品质量安全水平稳步提升，农村市场秩序和农民群众的合法权益得到保障。",
]
SHIP = ("这艘远洋邮轮长三百米，可搭载旅客四千人，船上设有剧院、泳池、餐厅和购物街。游客登船后可以欣赏海上日落，"
        "参加船长晚宴，观看魔术表演，停靠港口时还能上岸游览古城、博物馆和海滩，品尝当地海鲜，购买纪念品。")
CASES = [
    # a paragraph about a cruise liner pasted into an agriculture summary
    ({}, HEAD + "\n".join(FARM[:3] + [SHIP] + FARM[3:]) + "\n", [SHIP]),
    # the same report without it: nothing
    ({}, HEAD + "\n".join(FARM) + "\n", []),
    # too short to judge
    ({"min_chars": 200}, HEAD + "\n".join(FARM[:3] + [SHIP] + FARM[3:]) + "\n", []),
    # too little around it to compare with
    ({}, HEAD + "\n".join(FARM[:1] + [SHIP]) + "\n", []),
    # a threshold of 0 never fires
    ({"threshold": 0.0}, HEAD + "\n".join(FARM[:3] + [SHIP] + FARM[3:]) + "\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=["pasted", "coherent", "min_chars", "too-little", "threshold-0"])
def test_case(case):
    run_case(KIND, case)


def test_wm012_exact_finding():
    text = HEAD + "\n".join(FARM[:2] + [SHIP] + FARM[2:]) + "\n"
    found = [(f.line, f.column, f.code, f.severity) for f in check_text(text).findings if f.code == "WM012"]
    assert found == [(5, 1, "WM012", "info")]
