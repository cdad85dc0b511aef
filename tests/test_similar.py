"""查重 (reportlint similar / index): planted copies in corpus reports are found with their exact
line pairs; independently written reports produce no pair above the boilerplate level."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from reportlint import cli
from reportlint.executor import LocalExecutor
from reportlint.batch import discover
from reportlint.similar import Matcher, normalise, compact, split_text
from reportlint.simindex import build, compare

import simplant


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("similar")
    sub, plants = simplant.build(str(root), n_sources=30, n_targets=40, seed=7)
    result = compare(discover([sub]), LocalExecutor(1), 20 << 20)
    return sub, plants, result


def _found(result) -> set:
    out = set()
    for p in result["pairs"]:
        a, b = os.path.basename(p["a"]), os.path.basename(p["b"])
        for m in p["matches"]:
            out.add((a, m["line_a"], b, m["line_b"]))
            out.add((b, m["line_b"], a, m["line_a"]))
    return out


def _origin(plants) -> dict:
    """(file, line) → the source line it is a copy of; sources map to themselves."""
    out = {}
    for t, tl, s, sl, _how in plants:
        out[(t, tl)] = (s, sl)
        out[(s, sl)] = (s, sl)
    return out


def test_planted_copies_are_found_with_exact_line_pairs(planted):
    _sub, plants, result = planted
    assert len(plants) >= 40
    assert {h for *_, h in plants} == {"whole", "changed", "sentence", "reordered"}
    found = _found(result)
    hit = [p for p in plants if p[:4] in found]
    assert len(hit) / len(plants) >= 0.95, sorted(set(plants) - set(hit))
    for how in ("whole", "changed", "sentence", "reordered"):  # every kind of copy is caught
        assert any(p[4] == how for p in hit), how


def test_independent_reports_produce_no_pair(planted):
    _sub, plants, result = planted
    origin = _origin(plants)
    wrong = [(a, la, b, lb) for a, la, b, lb in _found(result)
             if origin.get((a, la)) is None or origin.get((a, la)) != origin.get((b, lb))]
    assert wrong == []
    independent = [f for f in result["files"] if os.path.basename(f["path"]).startswith("o")]
    assert len(independent) > 100
    assert all(f["rate"] == 0.0 and f["partners"] == [] for f in independent)


def test_rate_and_partners_of_a_target(planted):
    _sub, plants, result = planted
    t, tl, s, sl, how = next(p for p in plants if p[4] == "whole")
    f = next(f for f in result["files"] if os.path.basename(f["path"]) == t)
    assert [os.path.basename(p) for p in f["partners"]] == [s] or s in map(os.path.basename, f["partners"])
    para = compact(normalise(simplant.lines_of(os.path.join(_sub, t))[tl - 1]))
    assert f["copied_chars"] >= len(para) * 0.9
    assert f["rate"] == round(f["copied_chars"] / f["chars"], 4)


def test_normalise_digits_dates_placeholders_units():
    assert normalise("2024年3月5日，西城区共走访126户（占比12.5%）。") == "#年#月#日，U共走访#户（占比#%）。"
    assert normalise("２０２４年共走访１２６户") == "#年共走访#户"
    assert normalise("××镇走访XX户") == normalise("某某镇走访某某户") == "某镇走访某户"
    assert compact("一、总体情况：良好！") == "一总体情况良好"
    assert compact("第 1 项_（𠀀字）。") == "第1项𠀀字"


A = "今年以来我们围绕老旧小区改造这个群众关心的问题，先后走访住户三百余户，逐户登记了加装电梯和管网更新的意愿。"
B = "在资金筹措上，街道采取财政补一点、产权单位出一点、居民自筹一点的办法，目前已落实改造资金八百六十万元。"
C = "全年共组织党员志愿者开展义务巡逻活动四十余次，调解邻里纠纷十七起，辖区治安案件同比下降两成。"
D = "针对部分楼栋消防通道长期被占用的情况，社区联合物业开展了为期一个月的集中整治，清理杂物六十多车。"
STOCK = "我们始终坚持以人民为中心的发展思想，把群众满意作为检验工作成效的根本标准。"


def test_sentence_reuse_and_boilerplate_by_document_frequency():
    m = Matcher(boilerplate_df=3)
    m.add(split_text("甲.txt", f"标题\n{A}{STOCK}\n{D}{C}\n"))
    m.add(split_text("乙.txt", f"{B}{STOCK}\n{C}{A}\n"))
    m.add(split_text("丙.txt", f"{STOCK}\n"))
    r = m.run()
    assert len(r["pairs"]) == 1
    p = r["pairs"][0]
    assert (p["a"], p["b"]) == ("甲.txt", "乙.txt")
    assert [(x["kind"], x["line_a"], x["line_b"], x["text_a"]) for x in p["matches"]] == [
        ("sentence", 2, 2, A), ("sentence", 3, 2, C)]
    assert [(x["kind"], x["text_a"]) for x in r["boilerplate"]] == [("sentence", STOCK)]
    rates = {f["path"]: f for f in r["files"]}
    assert rates["丙.txt"]["rate"] == 0.0 and rates["丙.txt"]["partners"] == []
    assert rates["甲.txt"]["copied_chars"] == len(compact(normalise(A))) + len(compact(normalise(C)))


def test_changed_dates_and_figures_still_match_paragraph():
    para = "2023年，全区新建社区食堂12个，日均服务老人1500人次，比上年增加了三成，群众满意率达到96%以上。"
    changed = para.replace("2023", "2024").replace("12", "15").replace("1500", "1800").replace("全区", "全县")
    m = Matcher()
    m.add(split_text("去年.txt", f"一、工作情况\n{para}\n"))
    m.add(split_text("今年.txt", f"一、工作情况\n无关的一句话在这里写着，用来占位。\n{changed}\n"))
    r = m.run()
    [p] = r["pairs"]
    assert [(x["kind"], x["line_a"], x["line_b"]) for x in p["matches"]] == [("paragraph", 2, 3)]
    assert p["matches"][0]["text_b"] == changed


def _write(d, name, text):
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")


def test_index_is_incremental_and_answers_like_the_folder(tmp_path):
    arch, sub = tmp_path / "往年", tmp_path / "今年"
    _write(arch, "2024a.txt", f"2024年工作总结\n{A}\n{B}\n")
    _write(arch, "2024b.txt", f"其他\n{C}\n")
    _write(sub, "新.txt", f"2025年工作总结\n{B.replace('八百六十', '九百')}\n这一段是今年新写的内容，和往年没有关系，写得比较长一些。\n")
    idx = str(tmp_path / "a.rlidx")
    ex = LocalExecutor(1)
    r1 = build(idx, discover([str(arch)]), ex, 20 << 20)
    assert (r1["read"], r1["kept"], r1["removed"], r1["indexed"]) == (2, 0, 0, 2)
    r2 = build(idx, discover([str(arch)]), ex, 20 << 20)
    assert (r2["read"], r2["kept"], r2["removed"], r2["indexed"]) == (0, 2, 0, 2)
    os.remove(arch / "2024b.txt")
    _write(arch, "2024c.txt", f"标题\n{C}\n")
    r3 = build(idx, discover([str(arch)]), ex, 20 << 20)
    assert (r3["read"], r3["kept"], r3["removed"], r3["indexed"]) == (1, 1, 1, 2)
    by_index = compare(discover([str(sub)]), ex, 20 << 20, against=idx)
    by_folder = compare(discover([str(sub)]), ex, 20 << 20, against=str(arch))
    for r in (by_index, by_folder):
        [p] = r["pairs"]
        assert os.path.basename(p["a"]) == "新.txt" and os.path.basename(p["b"]) == "2024a.txt"
        assert p["b_archive"] is True
        assert [(x["kind"], x["line_a"], x["line_b"]) for x in p["matches"]] == [("paragraph", 2, 3)]
        [f] = r["files"]  # archive files are not rated
        assert f["partners"] == [p["b"]]
    assert by_index["files"][0]["rate"] == by_folder["files"][0]["rate"] > 0.3


def test_cli_json_bad_file_goes_on_and_exits_2(tmp_path, capsys):
    d = tmp_path / "收件"
    _write(d, "a.txt", f"{A}\n")
    _write(d, "b.txt", f"前言。\n{A}\n")
    (d / "c.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "r.json"
    assert cli.main(["similar", str(d), "--format", "json", "-o", str(out), "-j", "1", "-q"]) == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    [p] = data["pairs"]
    assert [(x["line_a"], x["line_b"]) for x in p["matches"]] == [(1, 2)]
    bad = [f for f in data["files"] if f["error"]]
    assert [os.path.basename(f["path"]) for f in bad] == ["c.txt"]


def test_cli_text_and_xlsx(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    d = tmp_path / "收件"
    _write(d, "a.txt", f"{A}\n")
    _write(d, "b.txt", f"前言。\n{A}\n")
    assert cli.main(["similar", str(d), "-j", "1", "-q"]) == 0
    text = capsys.readouterr().out
    assert f"  [段落] 第 1 行 ⇄ 第 2 行，相似度 100.0%\n    < {A}\n    > {A}\n" in text
    assert "100.0%" in text and "共 2 份报告，2 份与其他报告有雷同，1 对。" in text
    x = tmp_path / "r.xlsx"
    assert cli.main(["similar", str(d), "--format", "xlsx", "-o", str(x), "-j", "1", "-q"]) == 0
    wb = openpyxl.load_workbook(x)
    assert wb.sheetnames == ["雷同率", "雷同段落", "套话"]
    rows = list(wb["雷同段落"].iter_rows(values_only=True))
    assert rows[0][:4] == ("文件甲", "行", "文件乙", "行")
    assert rows[1][1] == 1 and rows[1][3] == 2 and rows[1][4] == "段落" and rows[1][7] == A


def test_cli_bad_index_is_a_clear_error(tmp_path, capsys):
    d = tmp_path / "收件"
    _write(d, "a.txt", f"{A}\n")
    fake = tmp_path / "x.rlidx"
    fake.write_text("不是索引", encoding="utf-8")
    assert cli.main(["similar", str(d), "--against", str(fake), "-q"]) == 2
    err = capsys.readouterr().err
    assert str(fake) in err and "不是 reportlint 查重索引文件" in err


def test_batch_similar_html_section_side_by_side(tmp_path):
    d = tmp_path / "收件"
    para = "2023年，全区新建社区食堂12个，日均服务老人1500人次，比上年增加了三成，群众满意率达到96%以上。"
    _write(d, "去年.txt", f"一、工作情况\n{para}\n")
    _write(d, "今年.txt", f"一、工作情况\n另写的一句话。\n{para.replace('12个', '15个')}\n")
    out = tmp_path / "r.html"
    code = cli.main(["batch", str(d), "--similar", "--format", "html", "-o", str(out), "-j", "1", "-q",
                     "--no-cache", "--select", "PH"])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert '<h2 id="similar">查重</h2>' in page
    assert ('<tr><td class="ln">3</td><td>2023年，全区新建社区食堂1<mark>5</mark>个，') in page
    assert ('<td class="ln">2</td><td>2023年，全区新建社区食堂1<mark>2</mark>个，') in page


def test_batch_similar_text_and_refused_formats(tmp_path, capsys):
    d = tmp_path / "收件"
    _write(d, "a.txt", f"{A}\n")
    _write(d, "b.txt", f"前言。\n{A}\n")
    assert cli.main(["batch", str(d), "--similar", "-j", "1", "-q", "--no-cache", "--select", "PH"]) == 0
    text = capsys.readouterr().out
    assert "\n查重\n" in text and f"  [段落] 第 1 行 ⇄ 第 2 行，相似度 100.0%\n" in text
    assert cli.main(["batch", str(d), "--similar", "--format", "json", "-q", "--no-cache"]) == 2
    assert "--similar 只能用于 text 或 html 格式" in capsys.readouterr().err


def test_batched_signatures_are_datasketchs_minhash():
    from datasketch import MinHash

    from reportlint.similar import NUM_PERM, SEED, _shingles, shingle_hash, signatures

    texts = [compact(normalise(t)) for t in (A, B, C, D, STOCK, "短句", "一", "四个汉字")]
    sig = signatures(texts)
    assert sig.shape == (len(texts), NUM_PERM)
    for t, row in zip(texts, sig):
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash, scheme="affine32")
        m.update_batch(set(_shingles(t)))
        assert row.tolist() == m.hashvalues.tolist(), t


def test_units_are_columns_with_exact_offsets():
    fu = split_text("甲.txt", f"  标题\n\n  {A}{STOCK}\n{D}\n")
    assert list(fu.lines) == [1, 3, 4] and len(fu) == 3
    assert [fu.para_text(i) for i in range(3)] == ["标题", A + STOCK, D]
    assert list(fu.kpara) == [1, 2] and len(fu.keys) == 16  # the heading has no LSH keys
    assert [fu.sentence_text(j) for j in range(len(fu.sh))] == [A, STOCK, D]
    assert list(fu.sp) == [1, 1, 2] and fu.chars == len(fu.norm)
    assert fu.para_norm(1)[fu.ss[1]:fu.se[1]] == compact(normalise(STOCK))
    part = fu.subset([2])
    assert (list(part.lines), part.para_text(0), list(part.kpara), part.sentence_text(0)) == ([4], D, [0], D)


def test_damaged_units_in_an_index_are_a_clear_error(tmp_path, capsys):
    import sqlite3

    arch, sub = tmp_path / "往年", tmp_path / "今年"
    _write(arch, "a.txt", f"标题\n{A}\n")
    _write(sub, "b.txt", f"{A}\n")
    idx = tmp_path / "a.rlidx"
    assert cli.main(["index", str(arch), "-o", str(idx), "-j", "1", "-q"]) == 0
    with sqlite3.connect(idx) as db:
        db.execute("UPDATE docs SET units = x'789c0300'")
    assert cli.main(["similar", str(sub), "--against", str(idx), "-j", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert str(idx) in err and "查重索引已损坏，请删除后用 reportlint index 重新生成。" in err
