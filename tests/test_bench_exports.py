"""The exports benchmark's smoke version (bench.exports at 1 000 projects), so it cannot rot."""

from __future__ import annotations

from bench import exports as bench_exports
from bench.generate import generate


def test_the_exports_bench_measures_copy_csv_xlsx_bystander_and_memory_at_1000_projects(tmp_path):
    generate(1000, tmp_path)
    result = bench_exports.measure_exports(tmp_path, repeat=1, alone_s=0.5)
    assert len(result["bare_copy_s"]) == 1 and result["csv_ratio_to_copy"] > 0
    assert result["bystander_alone"]["n"] > 0
    for name in ("csv", "xlsx"):
        assert result[name]["bytes"] > 1000 and len(result[name]["seconds"]) == 1, name
        assert result[name]["rss_peak_mb"] >= result[name]["rss_before_mb"] > 0, name
        assert "p95_ms" in result[name]["bystander"] or result[name]["bystander"]["n"] == 0, name
