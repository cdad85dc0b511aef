"""``batch`` and ``summary`` on a Dask cluster: a LocalCluster of 2 worker processes on loopback.

The cluster's output must be byte-identical to the local executor's (shared folder and shipped
files), the cache must work with it, and killed workers must cost no row.
"""
from __future__ import annotations

import json
import os
import signal
import time

import docx
import pytest

from reportlint import cli
from reportlint.commands import batch as batch_cmd
from reportlint.errors import InputError
from reportlint.executor import LOST_MESSAGE, DaskExecutor

distributed = pytest.importorskip("distributed")  # the [dask] extra; part of [test]

REPORT = "关于2026年社区工作的汇报\n一、主要工作\n今年以来，社区共走访居民{n}户，办结群众诉求86件。\n"
PLACEHOLDER = "关于2026年社区工作的汇报\n一、主要工作\n今年以来，社区共走访居民××户，办结诉求{n}件。\n二、下一步打算\n将继续做好服务。\n"


@pytest.fixture(scope="module")
def cluster():
    import dask
    from distributed import LocalCluster

    # a chunk (then a file) is given up after killing two workers
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cl = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, timeout=60)
    try:
        yield cl
    finally:
        cl.close(timeout=30)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    d = tmp_path / "报告"
    (d / "二科").mkdir(parents=True)
    for i in range(14):
        text = (PLACEHOLDER if i % 3 else REPORT).format(n=100 + i)
        (d / ("二科" if i % 2 else "") / f"第{i:02d}份.txt").write_text(text, encoding="utf-8")
    (d / "gbk.txt").write_bytes(PLACEHOLDER.format(n=7).encode("gbk"))
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    word = docx.Document()
    for line in PLACEHOLDER.format(n=9).splitlines():
        word.add_paragraph(line)
    word.save(str(d / "word.docx"))
    return d


def _run(argv, capsys):
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _batch(d, out, capsys, *extra):
    code, _, err = _run(["batch", str(d), "--isolated", "--format", "json", "-o", str(out), *extra], capsys)
    return code, out.read_bytes(), err


def test_batch_json_is_byte_identical(cluster, folder, tmp_path, capsys):
    addr = cluster.scheduler_address
    code, local, _ = _batch(folder, tmp_path / "local.json", capsys, "-j", "1", "--no-cache")
    assert code == 2 and b'"path"' in local
    for extra in ([], ["--ship-files"]):
        c, dask_out, err = _batch(folder, tmp_path / "dask.json", capsys, "--no-cache", "--executor", "dask",
                                  "--scheduler", addr, *extra)
        assert c == 2 and dask_out == local, extra
        assert "检查 18 个文件，缓存命中 0 个（进程数 2）" in err


def test_executor_table_in_config(cluster, folder, tmp_path, capsys):
    _, local, _ = _batch(folder, tmp_path / "local.json", capsys, "-j", "1", "--no-cache")
    cfg = tmp_path / "reportlint.toml"
    cfg.write_text(f'[executor]\nkind = "dask"\nscheduler = "{cluster.scheduler_address}"\nship-files = true\n',
                   encoding="utf-8")
    code, _, err = _run(["batch", str(folder), "--config", str(cfg), "--no-cache", "--format", "json",
                         "-o", str(tmp_path / "cfg.json")], capsys)
    assert code == 2 and (tmp_path / "cfg.json").read_bytes() == local
    assert "（进程数 2）" in err


def test_summary_json_is_byte_identical(cluster, folder, tmp_path, capsys):
    outs = []
    for extra in (["-j", "1"], ["--executor", "dask", "--scheduler", cluster.scheduler_address],
                  ["--executor", "dask", "--scheduler", cluster.scheduler_address, "--ship-files"]):
        out = tmp_path / f"s{len(outs)}.json"
        code, _, _ = _run(["summary", str(folder), "-q", "--format", "json", "-o", str(out), *extra], capsys)
        assert code == 0
        outs.append(out.read_bytes())
    assert b'"files"' in outs[0]
    assert outs[1] == outs[0] and outs[2] == outs[0]


def test_cache_is_used_before_submitting(cluster, folder, tmp_path, capsys):
    cache = str(tmp_path / "c")
    dask_args = ["--executor", "dask", "--scheduler", cluster.scheduler_address, "--cache-dir", cache]
    code, first, err = _batch(folder, tmp_path / "1.json", capsys, *dask_args)
    assert code == 2 and "检查 18 个文件，缓存命中 0 个" in err
    (folder / "第00份.txt").write_text(PLACEHOLDER.format(n=999), encoding="utf-8")
    code, second, err = _batch(folder, tmp_path / "2.json", capsys, *dask_args)
    # the changed file alone goes to the cluster; the other 17 (the broken .doc's error too) are cache hits
    assert "检查 1 个文件，缓存命中 17 个" in err
    _, local, _ = _batch(folder, tmp_path / "3.json", capsys, "-j", "1", "--no-cache")
    assert second == local and second != first


def _pids(client) -> dict:
    """Worker address → pid of the workers that answer (a worker killed a moment ago may still be
    listed by the scheduler; its failed reply is left out instead of failing the test)."""
    for _ in range(50):
        pids = {a: p for a, p in client.run(os.getpid, on_error="return").items() if isinstance(p, int)}
        if pids:
            return pids
        time.sleep(0.2)
    return {}


def _let_the_nanny_restart(client) -> None:
    """Give the killed worker's nanny up to a minute to start a new one, so later tests find two
    workers again. Restarting is Dask's business, not reportlint's: on a busy machine it can take
    longer, and what the tests assert (every row, the same bytes) holds with one worker as well."""
    from distributed.exceptions import WorkerStartTimeoutError

    try:
        client.wait_for_workers(2, timeout=60)
    except WorkerStartTimeoutError:
        pass


def test_killed_worker_mid_run_loses_no_row(cluster, folder, tmp_path, capsys):
    from reportlint.batch import init_worker, lost_row

    for i in range(40):
        (folder / f"补充{i:02d}.txt").write_text(PLACEHOLDER.format(n=i), encoding="utf-8")
    _, local, _ = _batch(folder, tmp_path / "local.json", capsys, "-j", "1", "--no-cache")
    killed = []
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        def factory(jobs, keys):
            ex = DaskExecutor(cluster.scheduler_address, init_worker, (keys,), chunksize=2, on_lost=lost_row)
            inner = ex.imap

            def imap(fn, items, n_items=None):
                for i, r in enumerate(inner(fn, items, n_items)):
                    if i == 0:  # first row back: kill one worker while the others are in flight
                        pid = next(iter(_pids(client).values()))
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                    yield r
            ex.imap = imap
            return ex

        args = cli.build_parser().parse_args(["batch", str(folder), "--isolated", "-q", "--no-cache", "--format",
                                              "json", "-o", str(tmp_path / "dask.json")])
        assert batch_cmd.run(args, executor_factory=factory) == 2
        _let_the_nanny_restart(client)
        assert killed and killed[0] not in _pids(client).values()  # that worker really died
    assert (tmp_path / "dask.json").read_bytes() == local


def test_an_item_that_kills_workers_becomes_an_error_row(cluster):
    def fn(item):
        if item[0] == "killer":
            os._exit(3)
        return {"path": item[0], "error": None, "n": item[1] * 2}

    lost = []

    def on_lost(item, message):
        lost.append(item[0])
        return {"path": item[0], "error": message}

    ex = DaskExecutor(cluster.scheduler_address, chunksize=3, on_lost=on_lost)
    items = [(f"f{i}", i) for i in range(7)] + [("killer", 0)] + [(f"g{i}", i) for i in range(4)]
    got = list(ex.imap(fn, items))
    assert [r["path"] for r in got] == [it[0] for it in items]
    assert got[7] == {"path": "killer", "error": LOST_MESSAGE}
    assert [r["n"] for r in got[:7]] == [0, 2, 4, 6, 8, 10, 12] and got[8]["n"] == 0
    assert lost == ["killer"] and ex.lost == 1


def test_shipped_bytes_are_read_from_a_copy(cluster, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    (tmp_path / "b.txt").write_bytes(b"\xe4\xb8\xad" * 5)

    def fn(item):
        with open(item[0], "rb") as fh:
            data = fh.read()
        return {"path": item[0], "size": len(data), "copy": item[0] != item[1]}

    items = [(str(tmp_path / n), str(tmp_path / n)) for n in ("a.txt", "b.txt")]
    items.append((str(tmp_path / "missing.txt"), str(tmp_path / "missing.txt")))
    ex = DaskExecutor(cluster.scheduler_address, ship_files=True)
    got = list(ex.imap(lambda it: fn(it) if os.path.exists(it[0]) else {"path": it[0], "size": None},
                       items))
    assert got == [{"path": items[0][0], "size": 3, "copy": True},
                   {"path": items[1][0], "size": 15, "copy": True},
                   {"path": items[2][0], "size": None}]


def test_unreachable_scheduler_is_a_clear_error():
    ex = DaskExecutor("tcp://127.0.0.1:9", timeout=2)
    with pytest.raises(InputError) as err:
        list(ex.imap(abs, [1]))
    assert "无法连接 Dask 调度器" in err.value.message and err.value.path == "tcp://127.0.0.1:9"


@pytest.mark.parametrize("table, expected", [
    ('[executor]\nkind = "spark"\n', "配置项“executor.kind”只能是 local（本机进程，默认）或 dask"),
    ('[executor]\nkind = "dask"\n', "配置项“executor.scheduler”使用 dask 时必须写调度器地址"),
    ('[executor]\nworkers = 3\n', "配置项“executor.workers”：未知的键（可用：kind、scheduler、ship-files）"),
    ('[executor]\nship-files = "yes"\n', "配置项“executor.ship-files”应为 true 或 false。"),
])
def test_bad_executor_table(tmp_path, capsys, table, expected):
    (tmp_path / "a.txt").write_text(REPORT.format(n=1), encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text(table, encoding="utf-8")
    code, _, err = _run(["batch", str(tmp_path), "-q", "--no-cache"], capsys)
    assert code == 2 and expected in err and "reportlint.toml" in err


def test_a_stuck_item_becomes_an_error_row(cluster):
    def fn(item):
        if item == "stuck":
            import time
            time.sleep(4)
        return {"path": item}

    ex = DaskExecutor(cluster.scheduler_address, chunksize=2, task_timeout=1.5,
                      on_lost=lambda item, message: {"path": item[0] + "!", "error": message})
    got = list(ex.imap(fn, ["a", "stuck"]))  # the chunk times out, then "stuck" alone; "a" comes back
    assert got == [{"path": "a"}, {"path": "s!", "error": LOST_MESSAGE}]


# ---------------------------------------------------------------- similar (查重) on the cluster

@pytest.fixture(scope="module")
def planted_folders(tmp_path_factory):
    """A submission with planted copies and an archive holding their sources."""
    import shutil

    import simplant

    root = tmp_path_factory.mktemp("similar-dask")
    sub, plants = simplant.build(str(root), n_sources=6, n_targets=8, seed=3)
    arch = root / "往年"
    arch.mkdir()
    for name in os.listdir(sub):
        if name.startswith("s"):
            shutil.move(os.path.join(sub, name), arch / name)
    (root / "submission" / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    return root / "submission", arch, plants


def _similar(argv, out, capsys):
    code, _, err = _run(["similar", *argv, "-q", "--format", "json", "-o", str(out)], capsys)
    return code, out.read_bytes(), err


def test_similar_json_is_byte_identical(cluster, planted_folders, tmp_path, capsys):
    sub, arch, plants = planted_folders
    dask_args = ["--executor", "dask", "--scheduler", cluster.scheduler_address]
    for against in ([], ["--against", str(arch)]):
        code, local, _ = _similar([str(sub), *against, "-j", "1"], tmp_path / "local.json", capsys)
        assert code == 2 and b'/broken.txt"' in local  # the unreadable file is a row, exit 2
        found = {(os.path.basename(p["a"]), m["line_a"], os.path.basename(p["b"]), m["line_b"])
                 for p in json.loads(local)["pairs"] for m in p["matches"]}
        if against:  # the planted copies against their sources in the archive
            assert sum((p[0], p[1], p[2], p[3]) in found for p in plants) >= 0.95 * len(plants)
        for extra in ([], ["--ship-files"]):
            c, remote, _ = _similar([str(sub), *against, *dask_args, *extra], tmp_path / "dask.json", capsys)
            assert c == 2 and remote == local, (against, extra)


def test_index_built_on_the_cluster_answers_like_a_local_one(cluster, planted_folders, tmp_path, capsys):
    sub, arch, _ = planted_folders
    idx = tmp_path / "往年.rlidx"
    outs = []
    for extra in (["-j", "1"], ["--executor", "dask", "--scheduler", cluster.scheduler_address, "--ship-files"]):
        if idx.exists():
            idx.unlink()
        code, out, _ = _run(["index", str(arch), "-o", str(idx), *extra], capsys)
        assert code == 0 and "共 6 份报告；本次读取 6 份" in out
        outs.append(_similar([str(sub), "--against", str(idx), "-j", "1"], tmp_path / f"{len(outs)}.json", capsys)[1])
    assert outs[0] == outs[1] and b'"b_archive": true' in outs[0]


def test_similar_survives_a_killed_worker(cluster, planted_folders):
    from reportlint.batch import discover
    from reportlint.executor import LocalExecutor
    from reportlint.similar import init_worker, lost_units
    from reportlint.simindex import compare

    sub, arch, _ = planted_folders
    files = discover([str(sub)])
    local = compare(files, LocalExecutor(1), 20 << 20, str(arch))
    killed = []
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        ex = DaskExecutor(cluster.scheduler_address, init_worker, (), chunksize=4, on_lost=lost_units)
        inner = ex.imap

        def imap(fn, items, n_items=None):
            for i, r in enumerate(inner(fn, items, n_items)):
                if i == 0 and not killed:  # first result back: kill a worker while others are in flight
                    pid = next(iter(_pids(client).values()))
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                yield r
        ex.imap = imap
        remote = compare(files, ex, 20 << 20, str(arch))
        _let_the_nanny_restart(client)
        assert killed and killed[0] not in _pids(client).values()
    assert remote == local and len(remote["files"]) == len(files)
