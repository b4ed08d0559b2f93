#!/usr/bin/env python3
"""Writes crates/emulator/src/release/columns.rs: each emulated release's views and
their columns, as that release's documentation lists them.

The source is the public repository oceanbase/oceanbase-doc, one branch per release
(V3.1.5, V4.1.0, V4.2.1, ...). Each view's page is found by its title, its column table
is read (markdown or HTML; some pages have broken header rows, so columns are read by
position: name, type, nullable), and the page's path is written beside the list, so every
list in the emulator names the page it comes from.

Which page: the zh-CN page of the sys tenant first, because the en-US translation lags
behind it (for example the en-US V4.2.3 page of CDB_OB_BACKUP_TASKS lacks DATA_PROGRESS,
which the zh-CN page has with the note "该字段从 V4.2.1 BP3 版本开始引入"); then a zh-CN
MySQL-mode page; then the en-US ones.

Usage: generate.py <git dir of an oceanbase/oceanbase-doc clone>
Only the standard library; the documentation itself is not kept in this repository.
"""

import html
import html.parser
import os
import re
import subprocess
import sys

# release profile -> (doc branch, views). A profile without its own branch in the doc
# repository borrows the nearest one; the emulator's profile says which.
VIEWS_4 = [
    "DBA_OB_TENANTS", "DBA_OB_ZONES", "DBA_OB_RESOURCE_POOLS", "DBA_OB_UNIT_CONFIGS",
    "CDB_OB_BACKUP_JOBS", "CDB_OB_BACKUP_JOB_HISTORY", "CDB_OB_BACKUP_TASKS",
    "CDB_OB_BACKUP_SET_FILES", "CDB_OB_BACKUP_PARAMETER", "CDB_OB_BACKUP_DELETE_POLICY",
    "CDB_OB_ARCHIVE_DEST", "CDB_OB_ARCHIVELOG", "CDB_OB_ARCHIVELOG_SUMMARY",
    "CDB_OB_ARCHIVELOG_PIECE_FILES", "CDB_OB_RESTORE_PROGRESS", "CDB_OB_RESTORE_HISTORY",
]
VIEWS_3 = [
    "GV$TENANT", "__ALL_ZONE", "__ALL_VIRTUAL_SYS_PARAMETER_STAT", "CDB_OB_BACKUP_PROGRESS", "CDB_OB_BACKUP_SET_DETAILS",
    "CDB_OB_BACKUP_SET_FILES", "CDB_OB_BACKUP_ARCHIVELOG", "CDB_OB_BACKUP_ARCHIVELOG_SUMMARY",
    "CDB_OB_BACKUP_PIECE_FILES", "CDB_OB_RESTORE_PROGRESS", "CDB_OB_RESTORE_HISTORY",
]
DOCS = [
    ("V3_1_5", "V3.1.5", VIEWS_3),
    ("V4_1_0", "V4.1.0", VIEWS_4),
    ("V4_2_1", "V4.2.1", VIEWS_4),
    ("V4_2_5", "V4.2.5", VIEWS_4),
    ("V4_3_2", "V4.3.2", VIEWS_4),
    ("V4_3_3", "V4.3.3", VIEWS_4),
]

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "release", "columns.rs")


def git(repo, *args, data=None):
    return subprocess.run(["git", "-C", repo, *args], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def blobs(repo, shas):
    out = git(repo, "cat-file", "--batch", data=("\n".join(shas) + "\n").encode())
    texts, pos = {}, 0
    while pos < len(out):
        nl = out.index(b"\n", pos)
        sha, _kind, size = out[pos:nl].decode().split()
        size = int(size)
        texts[sha] = out[nl + 1:nl + 1 + size].decode("utf-8", "replace")
        pos = nl + 2 + size
    return texts


def title(text):
    """The view a page is about: its first heading, without schema or markup."""
    lines = text.replace("\r", "").split("\n")
    if lines and lines[0].strip() == "---":
        for ln in lines[1:40]:
            if ln.strip() == "---":
                break
            m = re.match(r"\s*title\s*:\s*(.+)", ln)
            if m:
                return token(m.group(1))
    for i, ln in enumerate(lines[:60]):
        s = ln.strip()
        if not s or s == "---" or s.startswith("|") or s.startswith("<!--"):
            continue
        if s.startswith("#"):
            return token(s.lstrip("#"))
        if i + 1 < len(lines) and re.match(r"^\s*(=+|-{3,})\s*$", lines[i + 1]):
            return token(s)
        if s.startswith("<h1"):
            return token(re.sub(r"<[^>]+>", "", s))
        return None
    return None


def token(s):
    s = re.sub(r"<[^>]+>", "", s).replace("`", "").replace("*", "").replace("\\_", "_").strip()
    m = re.match(r"^(?:[A-Za-z0-9_$#]+\s*\.\s*)?([A-Za-z_][A-Za-z0-9_$#]*)\s*$", s)
    return m.group(1).upper() if m else None


TYPE = re.compile(r"^(bigint|int|tinyint|smallint|varchar|char|varbinary|timestamp|datetime|date|"
                  r"decimal|number|double|float|text|longtext|mediumtext|bool|boolean)\b", re.I)
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_$#]*$")


def cell(s):
    s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
    s = html.unescape(re.sub(r"<[^>]+>", "", s))
    s = s.replace("\\|", "|").replace("\\_", "_").replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", s).strip()


def markdown_tables(text):
    """Pipe tables; a row whose cell breaks onto the next lines (some pages do) is joined."""
    tables, current, pending, in_code = [], None, None, False
    for ln in text.replace("\r", "").split("\n"):
        s = ln.strip()
        if s.startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        if pending is not None and not s.startswith("|") and s:
            pending += " " + s
            if not s.endswith("|"):
                continue
            s, pending = pending, None
        elif pending is not None:
            current.append(row(pending))
            pending = None
        if s.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            if s.endswith("|") and len(s) > 1:
                current.append(row(s))
            else:
                pending = s
        elif s.endswith("|") and current is not None:
            current.append(row(s))
        else:
            current = None
    if pending is not None:
        current.append(row(pending))
    return tables


def row(s):
    body = s[1:-1] if s.endswith("|") else s[1:]
    return [cell(c) for c in re.split(r"(?<!\\)\|", body)]


class HtmlTables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.open, self.row, self.cell = [], [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.open.append([])
        elif tag == "tr" and self.open:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(cell("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.open:
            self.open[-1].append(self.row)
            self.row = None
        elif tag == "table" and self.open:
            self.tables.append(self.open.pop())

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def columns(text):
    """The page's column table: [(name, type)], read by position (name, type, nullable),
    since several pages have header rows such as "字段名称 | 字段名称 | ..."."""
    parser = HtmlTables()
    parser.feed(text)
    best = []
    for table in markdown_tables(text) + parser.tables:
        rows = [r for r in table if len(r) >= 2 and not all(re.match(r"^:?-+:?$", c) for c in r if c)]
        found, seen = [], set()
        for r in rows:
            name, kind = r[0], r[1]
            if NAME.match(name) and TYPE.match(kind) and name.upper() not in seen:
                seen.add(name.upper())  # some pages list a column twice
                found.append((name.upper(), kind.lower().replace("（", "(").replace("）", ")")))
        if len(found) > len(best):
            best = found
    return best


def pages(repo, branch, views):
    tree = git(repo, "ls-tree", "-r", "-z", "--full-tree", "refs/heads/" + branch).split(b"\0")
    candidates = []
    for entry in tree:
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        path = path.decode()
        if meta.split()[1] == b"blob" and path.endswith(".md") and "oracle" not in path.lower() \
                and re.search(r"(system-view|dictionary-view|reference)", path):
            candidates.append((meta.split()[2].decode(), path))
    texts = blobs(repo, [sha for sha, _ in candidates])
    found = {}
    for sha, path in candidates:
        view = title(texts[sha])
        if view in views:
            found.setdefault(view, []).append((path, texts[sha]))

    def rank(path):
        zh = path.startswith("zh-CN/")
        sys_tenant = "sys-tenant" in path
        return (not zh, not sys_tenant, path)

    chosen = {}
    for view in views:
        options = sorted(found.get(view, []), key=lambda p: rank(p[0]))
        usable = [(p, columns(t)) for p, t in options]
        usable = [(p, c) for p, c in usable if c]
        if not usable:
            sys.exit(f"{branch}: no page with a column table for {view}")
        chosen[view] = usable[0]
    return chosen


def rust(profile, branch, commit, chosen):
    out = [f"/// Views of OceanBase {branch}, from oceanbase/oceanbase-doc branch {branch} "
           f"(commit {commit[:12]}).",
           f"pub(crate) const {profile}: &[DocView] = &["]
    for view, (path, cols) in chosen.items():
        out.append("    DocView {")
        out.append(f"        name: \"{view}\",")
        out.append(f"        doc: \"{branch}:{path}\",")
        out.append("        columns: &[")
        for name, kind in cols:
            out.append(f"            (\"{name}\", \"{kind}\"),")
        out.append("        ],")
        out.append("    },")
    out.append("];")
    return "\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    repo = sys.argv[1]
    parts = [
        "// @generated by crates/emulator/releases/generate.py from oceanbase/oceanbase-doc.",
        "// Do not edit: run the script again. Each list names the page it was read from.",
        "",
        "use super::DocView;",
        "",
    ]
    for profile, branch, views in DOCS:
        commit = git(repo, "rev-parse", "refs/heads/" + branch).decode().strip()
        parts.append(rust(profile, branch, commit, pages(repo, branch, views)))
        parts.append("")
    with open(OUT, "w") as f:
        f.write("\n".join(parts))
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
