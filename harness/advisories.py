"""Offline audit of a uv.lock against a local checkout of the PyPA advisory database (OSV YAML).

Hand-written because pip-audit has no offline or local-database mode (pypa/pip-audit#698) and
osv-scanner, which has one, is in neither PyPI nor Debian 12; `make audit` uses pip-audit where
the internet is reachable.

Usage:
    uv run python -m harness.advisories uv.lock ADVISORY_DB_DIR [--json OUT.json]  (make audit)

For every [[package]] in the lock (name, version) it looks up every advisory under
ADVISORY_DB_DIR/vulns/ that names the package (PEP 503 normalised names) and reports the
advisory when the locked version is affected: listed in `versions`, or inside an
ECOSYSTEM/SEMVER range (introduced .. fixed exclusive, or introduced .. last_affected
inclusive). Withdrawn advisories are skipped.
Needs PyYAML and packaging.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def v(s: str) -> Version | None:
    try:
        return Version(s)
    except InvalidVersion:
        return None


def in_range(ver: Version, events: list[dict]) -> tuple[bool, list[str]]:
    """OSV range evaluation: events sorted by version, 'introduced' opens, 'fixed' and
    'last_affected' close. Returns (affected, fixed versions named in this range)."""
    fixed_names = [e["fixed"] for e in events if "fixed" in e]
    evs = []
    for e in events:
        ((kind, val),) = (
            (k, e[k]) for k in e if k in ("introduced", "fixed", "last_affected", "limit")
        )
        if kind == "limit":
            continue
        pv = Version("0") if (kind == "introduced" and str(val) == "0") else v(str(val))
        if pv is None:
            continue
        evs.append((pv, {"introduced": 0, "fixed": 1, "last_affected": 1}[kind], kind))
    evs.sort(key=lambda t: (t[0], t[1]))
    affected = False
    for pv, _, kind in evs:
        if kind == "introduced":
            if ver >= pv:
                affected = True
        elif kind == "fixed":
            if ver >= pv:
                affected = False
        elif kind == "last_affected":
            if ver > pv:
                affected = False
    return affected, fixed_names


def check(adv: dict, pkg: str, ver_s: str) -> tuple[bool, list[str]]:
    ver = v(ver_s)
    hit, fixes = False, []
    for aff in adv.get("affected", []):
        p = aff.get("package", {})
        if p.get("ecosystem") != "PyPI" or norm(p.get("name", "")) != pkg:
            continue
        if ver_s in [str(x) for x in aff.get("versions", [])]:
            hit = True
        for r in aff.get("ranges", []):
            if r.get("type") not in ("ECOSYSTEM", "SEMVER"):
                continue
            fixes += [str(f) for f in (e.get("fixed") for e in r.get("events", [])) if f]
            if ver is not None:
                a, _ = in_range(ver, r.get("events", []))
                hit = hit or a
    return hit, sorted(set(fixes), key=lambda s: v(s) or Version("0"))


def main() -> int:
    lock, db = Path(sys.argv[1]), Path(sys.argv[2])
    out_json = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    pkgs = tomllib.loads(lock.read_text())["package"]
    # Index every advisory by every PyPI package it names (an advisory filed under one
    # package's folder can also list others, e.g. tensorflow-cpu beside tensorflow).
    by_pkg: dict[str, list[tuple[Path, dict]]] = {}
    for f in sorted((db / "vulns").rglob("*.yaml")):
        adv = yaml.safe_load(f.read_text())
        names = {
            norm(a.get("package", {}).get("name", ""))
            for a in adv.get("affected", [])
            if a.get("package", {}).get("ecosystem") == "PyPI"
        }
        for n in names:
            by_pkg.setdefault(n, []).append((f, adv))
    hits = []
    for p in pkgs:
        name, ver = norm(p["name"]), p.get("version")
        if not ver:
            continue
        for f, adv in by_pkg.get(name, []):
            if adv.get("withdrawn"):
                continue
            hit, fixes = check(adv, name, ver)
            if hit:
                summary = adv.get("summary") or " ".join(str(adv.get("details", "")).split())[:160]
                hits.append(
                    {
                        "package": name,
                        "locked": ver,
                        "id": adv["id"],
                        "aliases": adv.get("aliases", []),
                        "summary": summary,
                        "fixed": fixes,
                        "published": str(adv.get("published", ""))[:10],
                        "file": str(f.relative_to(db)),
                    }
                )
    for h in hits:
        print(
            f"{h['package']}=={h['locked']}\t{h['id']}\t{','.join(h['aliases'])}\t"
            f"fixed:{','.join(h['fixed']) or '-'}\t{h['summary'][:110]}"
        )
    print(f"# {len(pkgs)} locked packages, {len(hits)} advisories hit", file=sys.stderr)
    if out_json:
        Path(out_json).write_text(json.dumps(hits, indent=1))
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
