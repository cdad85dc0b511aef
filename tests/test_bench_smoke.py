"""benchmarks/run.py works (a smoke run; no timing is asserted)."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_benchmark_script_runs(tmp_path):
    out = tmp_path / "bench.json"
    p = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "run.py"), "--quick", "--only", "a",
                        "--repeat", "1", "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr + p.stdout
    assert "reportlint check" in p.stdout and "jieba" in p.stdout
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    check = [r for r in rows if r["what"].startswith("reportlint check,") and r["unit"] == "s"]
    assert check and check[0]["figure"] > 0 and check[0]["baseline"] > 0 and check[0]["target"]
