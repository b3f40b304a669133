#!/usr/bin/env python3
"""make-big-index.py OUT [CHARTS] [VERSIONS] - write a large repository index.yaml.

A synthetic index the size of big public repositories (default 1,500 charts x 10 versions
= 15,000 entries, about 20 MB), every entry with the fields real indexes carry: long
descriptions, keywords, maintainers, sources, dependencies, annotations, urls, digest,
created.  Deterministic, so runs can be compared.
"""
import hashlib
import sys

out = sys.argv[1]
charts = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
versions = int(sys.argv[3]) if len(sys.argv) > 3 else 10

with open(out, "w") as f:
    f.write("apiVersion: v1\nentries:\n")
    for c in range(charts):
        name = "chart-%04d" % c
        f.write("  %s:\n" % name)
        for v in range(versions, 0, -1):
            ver = "%d.%d.%d" % (v // 4, v % 4, c % 7)
            f.write(
                "  - annotations:\n"
                "      artifacthub.io/changes: |\n"
                "        - kind: changed\n"
                "          description: Update the %(n)s image to the latest release of the upstream project\n"
                "        - kind: fixed\n"
                "          description: Correct the service account reference used by the job templates\n"
                "      artifacthub.io/license: Apache-2.0\n"
                "      category: Infrastructure\n"
                "    apiVersion: v2\n"
                "    appVersion: %(v)s\n"
                "    created: \"2024-05-%(d)02dT10:11:12.123456789Z\"\n"
                "    dependencies:\n"
                "    - name: common\n"
                "      repository: oci://registry.example.com/charts\n"
                "      tags:\n"
                "      - bitnami-common\n"
                "      version: 2.x.x\n"
                "    - condition: redis.enabled\n"
                "      name: redis\n"
                "      repository: oci://registry.example.com/charts\n"
                "      version: 19.x.x\n"
                "    description: %(n)s is a synthetic chart used to measure how fast a repository\n"
                "      index loads; its description is long like those of real charts, spanning lines.\n"
                "    digest: %(dg)s\n"
                "    home: https://example.com/charts/%(n)s\n"
                "    icon: https://example.com/icons/%(n)s.svg\n"
                "    keywords:\n"
                "    - %(n)s\n"
                "    - database\n"
                "    - infrastructure\n"
                "    - monitoring\n"
                "    maintainers:\n"
                "    - name: Example Maintainers\n"
                "      url: https://github.com/example/charts\n"
                "    - email: ops@example.com\n"
                "      name: Ops Team\n"
                "    name: %(n)s\n"
                "    sources:\n"
                "    - https://github.com/example/charts/tree/main/%(n)s\n"
                "    - https://github.com/example/%(n)s\n"
                "    urls:\n"
                "    - %(n)s-%(v)s.tgz\n"
                "    version: %(v)s\n"
                % {"n": name, "v": ver, "d": 1 + v % 28,
                   "dg": hashlib.sha256(("%s-%s" % (name, ver)).encode()).hexdigest()})
    f.write("generated: \"2024-05-30T10:11:12.123456789Z\"\n")
