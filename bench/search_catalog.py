"""Public catalog search latency over 5,000 published demands (issue #5 target: p95 under 100 ms).

The demands are real Chinese scientific text (the CSL development set in ../shared/data/csl-dev, titles
and abstracts recombined), plus a few about 锂电池 隔膜. They are published with their search terms cut by
the same code as `publication.services.publish`; then each query is asked through the public API, as a
visitor's browser would, and the rank alone is timed as well.
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import set_up_django, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "csl-dev"
LOCAL_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "csl-dev"


def _read(name: str) -> list[dict]:
    folder = DATA if DATA.exists() else LOCAL_DATA
    if not folder.exists():
        raise SystemExit(f"The CSL development set is needed beside the project: {DATA}")
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    set_up_django()
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from innochallenge.campaigns import preset as presets
    from innochallenge.campaigns.services import load_preset
    from innochallenge.demands.models import Demand
    from innochallenge.publication import search
    from innochallenge.publication.models import Publication
    from innochallenge.publication.public import search_text
    from innochallenge.publication.queries import CatalogQuery, matching_ids

    campaign = load_preset(presets.read("hs2021")).campaign
    districts = list(campaign.districts.all())
    fields = [f for f in campaign.industry_fields.all() if not f.requires_text]
    abstracts = [a["abstract"] for a in _read("achievements.jsonl")]
    titles = [q["text"][:60] for q in _read("queries-known-item.jsonl")]
    topical = [q["text"].replace("，", " ") for q in _read("queries-topical.jsonl")]

    started = time.perf_counter()
    now = timezone.now()
    demands = []
    for i in range(N):
        lithium = i % 500 == 0
        demands.append(
            Demand(
                campaign=campaign,
                number=i + 1,
                status="published",
                company_name=f"苏州测试企业{i:04d}有限公司",
                district=districts[i % len(districts)],
                industry_field=fields[i % len(fields)],
                title="锂电池隔膜的陶瓷涂覆工艺" if lithium else titles[i % len(titles)],
                description=("需要锂电池隔膜在150℃下热收缩率低于3%。" if lithium else "")
                + abstracts[(i * 7) % len(abstracts)],
                budget_wan=50 + i % 900,
            )
        )
    with transaction.atomic():
        Demand.objects.bulk_create(demands, batch_size=500)
        rows = []
        for demand in Demand.objects.select_related("campaign", "district", "industry_field"):
            publication = Publication(demand=demand, published_at=now, budget_display="range")
            publication.updated_at = now
            demand.publication = publication
            publication.search_terms = " ".join(search.terms(search_text(demand)))
            rows.append(publication)
        Publication.objects.bulk_create(rows, batch_size=500)
    loaded = time.perf_counter() - started

    search.reset()
    started = time.perf_counter()
    search.rank("锂电池")
    index_build = time.perf_counter() - started

    queries = ["锂电池 隔膜", "控制器 设计", "深度学习 图像", "减速器 背隙", *topical[:96]]
    client = Client(SERVER_NAME="127.0.0.1")
    rank_ms, api_ms, found = [], [], 0
    for q in queries:
        started = time.perf_counter()
        ids = matching_ids(CatalogQuery(q=q))
        rank_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        response = client.get("/api/v1/public/demands", {"q": q})
        api_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        found += bool(ids)
    lithium = client.get("/api/v1/public/demands", {"q": "锂电池 隔膜"}).json()
    assert lithium["count"] >= N // 500 and "<mark>" in lithium["items"][0]["snippet"]

    write_result(
        "search_catalog",
        {
            "published_demands": N,
            "queries": len(queries),
            "queries_with_results": found,
            "load_seconds": round(loaded, 1),
            "index_build_ms": round(index_build * 1000, 1),
            "rank_ms_p50": round(statistics.median(rank_ms), 1),
            "rank_ms_p95": round(percentile(rank_ms, 0.95), 1),
            "api_ms_p50": round(statistics.median(api_ms), 1),
            "api_ms_p95": round(percentile(api_ms, 0.95), 1),
            "api_ms_max": round(max(api_ms), 1),
            "target_p95_ms": 100,
            "target_met": percentile(api_ms, 0.95) < 100,
        },
        note="api = GET /api/v1/public/demands?q=… (first page of 20, masked views and snippets); "
        "rank = filters + BM25 only. The index is built once before timing; its build time is shown.",
    )


if __name__ == "__main__":
    main()
