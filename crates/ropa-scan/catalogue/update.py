#!/usr/bin/env python3
"""Builds catalogue.tsv, the data file `ropa scan` embeds, from its three sources:

- third-party-web (MIT, npm package `third-party-web`): entities, their domains and categories;
- the Open Cookie Database (Apache-2.0, GitHub jkwakman/Open-Cookie-Database): cookie and
  storage key names, platforms, categories, retention;
- sdks.toml (this folder): SDK package names per ecosystem, and services the other two lack.

Usage (see README.md in this folder):

    npm pack third-party-web            # gives third-party-web-VERSION.tgz
    python3 update.py third-party-web-VERSION.tgz open-cookie-database.csv OCD_COMMIT

The output is deterministic: the same inputs give the same file. Only names, domains,
categories, cookie names and retention are taken; nothing is invented (no countries, no
transfer mechanisms, no contracts).
"""

import csv
import io
import json
import re
import sys
import tarfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def ident(name: str) -> str:
    """A ropa identifier for a service name: `Google/Doubleclick Ads` -> `google_doubleclick_ads`."""
    s = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not s:
        s = "service"
    if s[0].isdigit():
        s = "s_" + s
    return s


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def clean(field) -> str:
    """A field as it may stand in the TSV: no tabs, no line breaks, `-` for empty."""
    s = re.sub(r"\s+", " ", str(field or "")).strip()
    return s if s else "-"


def read_third_party_web(path: Path):
    with tarfile.open(path) as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        entities = json.load(tar.extractfile("package/dist/entities-nostats.json"))
    return meta["version"], entities


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    twp_path, ocd_path, ocd_commit = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    twp_version, entities = read_third_party_web(twp_path)
    cookies = list(csv.DictReader(io.StringIO(ocd_path.read_text(encoding="utf-8"))))
    sdks = tomllib.loads((HERE / "sdks.toml").read_text(encoding="utf-8"))

    services = {}  # id -> dict(name, company, category, origin)
    by_norm = {}  # normalised name -> id
    domains = []  # (id, domain)
    seen_domains = set()

    def add_service(name, company, category, origin):
        base = ident(name)
        sid, n = base, 2
        while sid in services:
            sid, n = f"{base}_{n}", n + 1
        services[sid] = dict(name=name, company=company, category=category, origin=origin)
        by_norm.setdefault(norm(name), sid)
        return sid

    def add_domain(sid, domain):
        domain = domain.strip().lower()
        if not domain or domain in seen_domains:
            return
        seen_domains.add(domain)
        domains.append((sid, domain))

    for e in entities:
        sid = add_service(e["name"], e.get("company"), e.get("category", "other"), "third-party-web")
        for d in e.get("domains", []):
            add_domain(sid, d)

    for s in sdks.get("service", []):
        if s["id"] in services:
            raise SystemExit(f"sdks.toml: service {s['id']} already exists")
        services[s["id"]] = dict(name=s["name"], company=None, category=s["category"], origin="sdks.toml")
        by_norm.setdefault(norm(s["name"]), s["id"])
        for d in s.get("domains", []):
            add_domain(s["id"], d)

    aliases = sdks.get("cookie_platforms", {})
    cookie_rows = []
    for row in cookies:
        platform = row["Platform"].strip()
        name = row["Cookie / Data Key name"].strip()
        if not platform or not name:
            continue
        sid = aliases.get(platform) or by_norm.get(norm(platform))
        if sid is None:
            sid = add_service(platform, row.get("Data Controller"), "other", "open-cookie-database")
        domain = ""
        m = re.search(r"[a-z0-9.-]+\.[a-z]{2,}", row["Domain"].lower())
        if m:
            domain = m.group(0).lstrip(".")
        cookie_rows.append(
            (sid, name, "1" if row["Wildcard match"].strip() == "1" else "0",
             row["Category"].strip().lower(), domain, row["Retention period"])
        )

    packages = []
    for s in sdks.get("sdk", []):
        sid = s["service"]
        if sid not in services:
            raise SystemExit(f"sdks.toml: unknown service {sid}")
        for eco in ("npm", "pypi", "python", "composer", "rubygems", "go", "cargo"):
            for p in s.get(eco, []):
                packages.append((sid, eco, p))

    snippets = []
    for s in sdks.get("snippet", []):
        if s["service"] not in services:
            raise SystemExit(f"sdks.toml: unknown service {s['service']}")
        snippets.append((s["service"], s["pattern"], s.get("also", "")))
    gtm = []
    for g in sdks.get("gtm_tag", []):
        if g["service"] not in services:
            raise SystemExit(f"sdks.toml: unknown service {g['service']}")
        gtm.extend((g["service"], t) for t in g["types"])

    out = io.StringIO()
    out.write("# The catalogue of `ropa scan`. GENERATED by update.py: do not edit by hand.\n")
    out.write(f"# third-party-web {twp_version} (MIT; licenses/third-party-web.LICENSE)\n")
    out.write(f"# Open Cookie Database {ocd_commit} (Apache-2.0; licenses/open-cookie-database.LICENSE)\n")
    out.write("# sdks.toml (this repository)\n")
    out.write("# S id name company category origin | D id domain | C id name wildcard category domain retention | P id ecosystem package | N id pattern also | G id gtm-tag-type\n")
    for sid, s in services.items():
        out.write("\t".join(["S", sid, clean(s["name"]), clean(s["company"]), clean(s["category"]), s["origin"]]) + "\n")
    for sid, d in domains:
        out.write(f"D\t{sid}\t{clean(d)}\n")
    for sid, name, wild, cat, domain, retention in cookie_rows:
        out.write("\t".join(["C", sid, clean(name), wild, clean(cat), clean(domain), clean(retention)]) + "\n")
    for sid, eco, p in packages:
        out.write(f"P\t{sid}\t{eco}\t{clean(p)}\n")
    for sid, pattern, also in snippets:
        out.write(f"N\t{sid}\t{clean(pattern)}\t{clean(also)}\n")
    for sid, t in gtm:
        out.write(f"G\t{sid}\t{clean(t)}\n")
    (HERE / "catalogue.tsv").write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(services)} services, {len(domains)} domains, {len(cookie_rows)} cookies, {len(packages)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
