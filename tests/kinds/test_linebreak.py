"""Kind ``linebreak``: (options, text, excerpts it reports) — one row per behaviour."""
import pytest

from reportlint.api import check_text

from .kindcase import run_case

KIND = "linebreak"
HEAD = "某区2026年工作总结\n一、主要做法\n"
CASES = [
    # a sentence cut after a word, the next line goes on
    ({}, HEAD + "全区推行网格走访，对辖区商户\n逐户登记需求，全年办结诉求90件。\n", ["全区推行网格走访，对辖区商户"]),
    # cut after a comma
    ({}, HEAD + "全年检查门店46家，\n发现问题全部整改。\n", ["全年检查门店46家，"]),
    # a run-in heading whose body runs on: only the body is reported
    ({}, HEAD + "（一）抓落实。推行清单管理，对村级事务\n逐项公开，接受群众监督。\n", ["推行清单管理，对村级事务"]),
    # end punctuation, a closing quotation mark: whole lines
    ({}, HEAD + "全年检查门店46家。\n发现问题全部整改。\n", []),
    ({}, HEAD + "群众称赞这是“贴心服务”\n发现问题全部整改。\n", []),
    # a blank line between: two paragraphs
    ({}, HEAD + "全区推行网格走访，对辖区商户\n\n逐户登记需求。\n", []),
    # the next line is a heading, an enumeration, a date
    ({}, HEAD + "全区推行网格走访，主要做法有\n二、存在问题\n人手不足。\n", []),
    ({}, HEAD + "全区推行网格走访，主要做法有\n一是逐户登记，二是限时办结。\n", []),
    ({}, HEAD + "特此报告，请审阅\n2026年12月20日\n", []),
    # a line without any clause mark (a unit name, a byline) and a line with a wide gap
    ({}, HEAD + "某区商务局办公室\n全年推行网格走访。\n", []),
    ({}, HEAD + "述职人：办公室　主任　张三\n全年推行网格走访。\n", []),
    # an addressee line after the cut
    ({}, HEAD + "全区推行网格走访，主要做法有\n各位领导：\n", []),
    # skip_next leaves the chosen lines
    ({"skip_next": "^附件"}, HEAD + "全区推行网格走访，详见\n附件清单。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][len(HEAD):len(HEAD) + 14] for c in CASES])
def test_case(case):
    run_case(KIND, case)


def test_str014_exact_finding_and_no_fix():
    text = "某街道2026年上半年工作总结\n一、主要做法\n上半年开展消防检查，共查出隐患37处，已督促\n商户全部整改到位。\n二、下步打算\n继续抓好安全生产。\n"
    found = [(f.line, f.column, f.code) for f in check_text(text).findings if f.code == "STR014"]
    assert found == [(3, 1, "STR014")]
    f = next(f for f in check_text(text).findings if f.code == "STR014")
    assert "已督促" in f.message and "商户全部整" in f.message
    assert f.fix is None


def test_str014_gives_way_to_residue_rules():
    text = "某街道2026年上半年工作总结\n一、主要做法\n更多范文，请关注公众号免费下载\n上半年开展消防检查。\n"
    assert [f.code for f in check_text(text).findings if f.code == "STR014"] == []
