#!/usr/bin/env python3
"""HookGuard's precision/recall benchmark, run against a published `hookguard` binary.

  python3 bench/accuracy.py [--exe PATH] [--quick] [--seed N]

Three measurements, all deterministic for a given seed and binary:
  1. False positives: real open-source text with no live secrets (pinned npm packages, fetched with
     `npm pack` into bench/work/corpus/ once and reused). Every finding there counts as a false positive.
  2. Recall: for every rule, fresh secrets of the same shape as its `match` examples (characters
     re-randomized class for class, literal prefix kept, CRC32 checksums recomputed), written into
     realistic files (.env, YAML, JSON, Python, JS, C#, Go, shell, XML, Terraform, URLs, and the
     rule's own example lines).
  3. Near misses: the same secrets truncated, with a wrong prefix, as one repeated character, and as
     placeholders; the fraction reported should be small.

Prints a Markdown report and writes it to bench/results/<date>-accuracy-<commit>.md. Secrets are
never printed: findings show HookGuard's redacted form, failures only a secret's first 4 characters.
Python 3 standard library only (rules/*.yaml is read by the small YAML reader below)."""
import argparse, binascii, collections, datetime, fnmatch, functools, glob, hashlib, json, os, platform, random, re
import shutil, string, subprocess, sys, tarfile, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
CORPUS = os.path.join(WORK, "corpus")
ACCURACY = os.path.join(WORK, "accuracy")
RESULTS = os.path.join(HERE, "results")

# ---------------------------------------------------------------------------------------------------
# False-positive corpus: pinned, well-known npm packages (exact versions, so every run scans the same
# bytes). `include` narrows a few very large packages to their representative text; None = everything.
# ---------------------------------------------------------------------------------------------------
Package = collections.namedtuple("Package", "name version include why")
PACKAGES = [
    Package("typescript", "5.4.5", ["*.md", "*.txt", "package.json", "lib/lib.*.d.ts", "lib/typescript.d.ts",
                                    "lib/typescript.js", "lib/*/diagnosticMessages.generated.json"],
            "compiler JS, DOM/ES .d.ts, localized messages"),
    Package("aws-sdk", "2.1590.0", ["*.md", "package.json", "lib/*", "apis/*.examples.json",
                                    *[f"clients/{c}.d.ts" for c in ("sts", "iam", "s3", "rds", "kms", "secretsmanager",
                                                                    "cognitoidentity", "ec2")]],
            "AWS docs with documented placeholder keys"),
    Package("lodash", "4.17.21", None, "utility JS"),
    Package("@types/node", "20.11.30", None, "type declarations with doc comments"),
    Package("eslint", "8.57.0", None, "linter source and messages"),
    Package("webpack", "5.91.0", None, "bundler source, JSON schemas"),
    Package("express", "4.19.2", None, "web framework"),
    Package("body-parser", "1.20.2", None, "express dependency"),
    Package("qs", "6.11.0", None, "express dependency, test fixtures"),
    Package("send", "0.18.0", None, "express dependency"),
    Package("moment", "2.30.1", None, "date library; ~130 locale files"),
    Package("react-dom", "18.2.0", None, "UMD/CJS bundles, minified code"),
    Package("bootstrap", "5.3.3", None, "CSS, SCSS, source maps"),
    Package("jquery", "3.7.1", None, "minified and plain JS"),
    Package("jsonwebtoken", "9.0.2", None, "README full of JWT usage"),
    Package("npm", "10.5.0", None, "CLI with ~200 bundled dependencies, docs, READMEs"),
    Package("marked", "12.0.1", None, "Markdown parser, man page, docs"),
    Package("@salesforce/cli", "2.150.6", None, "npm-shrinkwrap.json and a yarn-format oclif.lock: integrity hashes"),
]
QUICK_PACKAGES = {"lodash", "express", "moment", "jsonwebtoken", "bootstrap", "@types/node", "@salesforce/cli"}

# Context files for generated secrets. Each line template gets {secret} and a variable name in the
# style the language uses; `quote` says which quote would break the line if the secret contained it.
Context = collections.namedtuple("Context", "name file template quote")
CONTEXTS = [
    Context("env", ".env", "{UPPER}={secret}", None),
    Context("yaml", "config.yaml", "  {key}: {yaml_secret}", None),
    Context("json", "appsettings.json", '  "{camel}": "{secret}",', '"'),
    Context("python", "settings.py", '{snake} = "{secret}"', '"'),
    Context("js", "config.js", 'const {camel} = "{secret}";', '"'),
    Context("csharp", "Secrets.cs", '    private const string {Pascal} = "{secret}";', '"'),
    Context("go", "config.go", '\t{camel} := "{secret}"', '"'),
    Context("shell", "deploy.sh", 'export {UPPER}="{secret}"', '"'),
    Context("xml", "app.config", '    <add key="{key}" value="{secret}" />', '"'),
    Context("terraform", "main.tf", '  {snake} = "{secret}"', '"'),
    Context("url", "endpoints.txt", "https://api.internal.invalid/v1/export?{snake}={secret}&format=csv", None),
    Context("own", "examples.txt", None, None),  # the rule's own match example lines, secret replaced
]
QUICK_CONTEXTS = {"env", "yaml", "json", "python", "own"}
URL_SAFE = re.compile(r"^[A-Za-z0-9._~-]+$")

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


# ---------------------------------------------------------------------------------------------------
# A small YAML reader: block mappings and sequences, plain / single- / double-quoted scalars and flow
# lists of scalars, comments. That is all rules/*.yaml uses; anything else raises instead of guessing.
# ---------------------------------------------------------------------------------------------------
def strip_comment(line):
    """The line without a trailing `# comment` (a `#` inside quotes, or not after a blank, is text)."""
    i, quote = 0, None
    while i < len(line):
        c = line[i]
        if quote == "'" and c == "'" and line[i + 1:i + 2] == "'":
            i += 1  # '' is an escaped quote inside a single-quoted scalar
        elif quote == '"' and c == "\\":
            i += 1
        elif quote and c == quote:
            quote = None
        elif not quote and c in "'\"" and (i == 0 or line[i - 1] in " [,"):
            quote = c
        elif not quote and c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
        i += 1
    return line


def parse_scalar(text):
    text = text.strip()
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise ValueError(f"unterminated quoted scalar: {text}")
        return text[1:-1].replace("''", "'")
    if text.startswith('"'):
        return json.loads(text)  # rules use only JSON-compatible escapes in double quotes
    if text.startswith("["):
        return parse_flow_list(text)
    if text in ("true", "false"):
        return text == "true"
    if text.startswith(("|", ">", "{", "&", "*", "!")):
        raise ValueError(f"YAML feature not supported by bench/accuracy.py: {text[:30]}")
    return text


def parse_flow_list(text):
    if not text.endswith("]"):
        raise ValueError(f"flow list must end on its line: {text[:40]}")
    items, current, quote = [], "", None
    for c in text[1:-1]:
        if quote:
            current += c
            if c == quote: quote = None
        elif c in "'\"" and not current.strip():
            quote, current = c, current + c
        elif c == ",":
            items.append(current)
            current = ""
        else:
            current += c
    if current.strip(): items.append(current)
    return [parse_scalar(i) for i in items]


KEY = re.compile(r"^([A-Za-z_][\w.-]*):(?:\s+(.*))?$")


def yaml_lines(text):
    """(indent, content) for each line that carries something."""
    out = []
    for raw in text.splitlines():
        line = strip_comment(raw).rstrip()
        if line.strip():
            out.append([len(line) - len(line.lstrip(" ")), line.strip()])
    return out


def parse_block(lines, i, indent):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        return parse_sequence(lines, i, indent)
    return parse_mapping(lines, i, indent)


def parse_sequence(lines, i, indent):
    items = []
    while i < len(lines) and lines[i][0] == indent and (lines[i][1].startswith("- ") or lines[i][1] == "-"):
        rest = lines[i][1][2:].strip()
        if KEY.match(rest):
            # "- key: value" opens a mapping whose keys sit two columns further in
            lines[i] = [indent + 2, rest]
            value, i = parse_mapping(lines, i, indent + 2)
        elif rest:
            value, i = parse_scalar(rest), i + 1
        else:
            value, i = parse_block(lines, i + 1, lines[i + 1][0])
        items.append(value)
    return items, i


def parse_mapping(lines, i, indent):
    result = {}
    while i < len(lines) and lines[i][0] == indent:
        m = KEY.match(lines[i][1])
        if not m:
            raise ValueError(f"expected 'key: value', got: {lines[i][1][:60]}")
        key, rest = m.group(1), m.group(2)
        if rest:
            result[key], i = parse_scalar(rest), i + 1
        elif i + 1 < len(lines) and (lines[i + 1][0] > indent or lines[i + 1][1].startswith("- ")):
            result[key], i = parse_block(lines, i + 1, lines[i + 1][0])
        else:
            result[key], i = None, i + 1
    if i < len(lines) and lines[i][0] > indent:
        raise ValueError(f"unexpected indentation at: {lines[i][1][:60]}")
    return result, i


def load_yaml(text):
    lines = yaml_lines(text)
    return parse_block(lines, 0, lines[0][0])[0] if lines else None


Rule = collections.namedtuple("Rule", "id keywords pattern checksum paths generic match no_match file")

NEAR_ALPHABETS = {"hex": "[0-9a-fA-F]", "hex-lower": "[0-9a-f]", "hex-upper": "[0-9A-F]", "alnum": "[A-Za-z0-9]",
                  "alnum-lower": "[a-z0-9]", "alnum-upper": "[A-Z0-9]", "digits": "[0-9]", "base64": "[A-Za-z0-9+/]",
                  "base64url": "[A-Za-z0-9_-]"}


def near_pattern(near):
    """The pattern HookGuard's rule reader writes for a `near:` block (Rules/NearBlock.cs), in the same .NET syntax."""
    words = lambda key: [str(k).lower() for k in (near.get(key) or [])]
    distance = int(near.get("distance", 20))
    p = "(?i)(?:" + "|".join(re.escape(k) for k in words("keywords")) + ")"
    if words("names"):
        p += "[\\w.-]{0,%d}(?:%s)[\\w.-]{0,20}" % (distance, "|".join(re.escape(k) for k in words("names")))
    else:
        p += "[\\w.-]{0,%d}" % distance
    p += "(?:['\"]\\s{1,4}value)?['\"\\]]{0,2}\\s{0,4}(?:=>|:=|[:=])\\s{0,4}['\"]?(?-i:(" + re.escape(str(near.get("prefix", "")))
    alphabet = str(near["alphabet"])
    if alphabet == "uuid":
        p += "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    else:
        low, _, high = str(near["length"]).partition("-")
        p += NEAR_ALPHABETS.get(alphabet, alphabet) + "{" + low + ("," + high if high else "") + "}"
        if alphabet == "base64": p += "={0,2}"
    return p + "))(?:[^A-Za-z0-9_+/=-]|$)"


def load_rules(rules_dir):
    rules = []
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = load_yaml(f.read())
        for r in doc.get("rules") or []:
            examples = r.get("examples") or {}
            near = r.get("near")
            keywords = r.get("keywords") or (near or {}).get("keywords") or []
            pattern = r["pattern"] if "pattern" in r else near_pattern(near)
            rules.append(Rule(r["id"], [k.lower() for k in keywords], pattern, r.get("checksum"),
                              r.get("paths"), bool(r.get("generic")), list(examples.get("match") or []),
                              list(examples.get("noMatch") or []),
                              os.path.basename(path)))
    return rules


# ---------------------------------------------------------------------------------------------------
# Running the binary
# ---------------------------------------------------------------------------------------------------
def scan(exe, path):
    """`hookguard scan PATH --format json` from a folder outside any repository, so that no
    .hookguard.yaml or baseline of this repository applies; paths come back relative to PATH."""
    with tempfile.TemporaryDirectory(prefix="hg-accuracy-") as cwd:
        env = dict(os.environ, NO_COLOR="1", GIT_CEILING_DIRECTORIES=os.path.dirname(cwd))
        p = subprocess.run([exe, "scan", os.path.abspath(path), "--format", "json"], cwd=cwd, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"hookguard scan {path} failed with exit code {p.returncode}: {p.stderr.strip()[:500]}")
    return json.loads(p.stdout)


def binary_rule_ids(exe):
    out = subprocess.run([exe, "rules", "list", "--format", "json"], stdout=subprocess.PIPE, text=True, check=True).stdout
    return {r["id"] for r in json.loads(out)}


def binary_version(exe):
    """`hookguard version` and the start of the binary's SHA-256, which tells two builds apart."""
    with open(exe, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    return subprocess.run([exe, "version"], stdout=subprocess.PIPE, text=True).stdout.strip() + f", sha256 {digest}…"


def fingerprint(rule_id, secret):
    return hashlib.sha256(f"{rule_id}:{secret}".encode()).hexdigest()


def finding_span(line_text, finding):
    """The finding's secret in its line, by column/endColumn (UTF-16 units in .NET, code points as a
    fallback), confirmed by the fingerprint so that a wrong slice can never show part of a secret."""
    start, end = finding["column"] - 1, finding["endColumn"] - 1
    utf16 = line_text.encode("utf-16-le")
    candidates = [(start, end, utf16[2 * start:2 * end].decode("utf-16-le", "replace"))]
    candidates.append((start, end, line_text[start:end]))
    for s, e, text in candidates:
        if fingerprint(finding["ruleId"], text) == finding["fingerprint"]:
            return text
    return None


# ---------------------------------------------------------------------------------------------------
# Rule patterns in Python: used only to check that a generated secret has the shape the rule
# describes (so a miss is the scanner's, not the generator's). .NET syntax is translated where easy.
# ---------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def python_pattern(dotnet_pattern):
    p = dotnet_pattern
    counter = collections.Counter()

    def rename(m):
        counter[m.group(1)] += 1
        n = counter[m.group(1)]
        return f"(?P<{m.group(1)}{'' if n == 1 else f'__{n}'}>"
    p = re.sub(r"\(\?<([A-Za-z_]\w*)>", rename, p)
    flags = 0
    if "(?i)" in p:  # Python wants global flags first; every rule that uses it means the whole pattern
        p, flags = p.replace("(?i)", ""), re.IGNORECASE
    try:
        return re.compile(p, flags)
    except re.error:
        return None


def secret_of_match(m):
    names = [n for n in m.re.groupindex if n == "secret" or n.startswith("secret__")]
    for n in names:
        if m.group(n) is not None: return m.group(n), m.start(n)
    if m.re.groups >= 1 and m.group(1) is not None:
        return m.group(1), m.start(1)
    return m.group(0), m.start(0)


def claimed_by_any(rules, line, start, end):
    """Whether some specific rule's pattern takes a secret overlapping line[start:end]: a `wrong
    prefix` that turns sk_live_ into another provider's valid sk_live_ is no near miss."""
    lowered = line.lower()
    for rule in rules:
        regex = python_pattern(rule.pattern)
        if regex is None or not any(k in lowered for k in rule.keywords):
            continue
        for m in regex.finditer(line):
            secret, at = secret_of_match(m)
            if at < end and at + len(secret) > start:
                return True
    return False


def pattern_accepts(regex, line, secret):
    """Whether the rule's pattern, run over the line, extracts exactly this secret."""
    if regex is None:
        return True
    return any(secret_of_match(m)[0] == secret for m in regex.finditer(line))


# ---------------------------------------------------------------------------------------------------
# Secrets: where they are in the examples, what is literal, and fresh ones of the same shape
# ---------------------------------------------------------------------------------------------------
def locate_example_secrets(exe, rules):
    """{rule id: [(example line, secret)]}: the scanner's own span of each match example (HookGuard
    reports column/endColumn), else the Python pattern's secret group, else the longest token."""
    folder = os.path.join(ACCURACY, "examples")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for rule in rules:
        with open(os.path.join(folder, f"{rule.id}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(rule.match) + "\n")
    found = collections.defaultdict(dict)
    for finding in scan(exe, folder)["findings"]:
        rule_id = finding["path"][:-len(".txt")]
        if finding["ruleId"] == rule_id and finding["line"] not in found[rule_id]:
            found[rule_id][finding["line"]] = finding
    located = {}
    for rule in rules:
        regex = python_pattern(rule.pattern)
        pairs = []
        for number, line in enumerate(rule.match, 1):
            secret = None
            if number in found[rule.id]:
                secret = finding_span(line, found[rule.id][number])
            if secret is None and regex is not None:
                m = next(regex.finditer(line), None)
                secret = secret_of_match(m)[0] if m else None
            if secret is None:
                secret = max(re.findall(r"[A-Za-z0-9_\-+/=.~]+", line), key=len, default=None)
            if secret:
                pairs.append((line, secret))
        located[rule.id] = pairs
    return located


def common_prefix(strings):
    return os.path.commonprefix(list(strings))


def common_suffix(strings):
    return common_prefix([s[::-1] for s in strings])[::-1]


def pattern_literals(pattern):
    """The literal runs of a rule's regex, escapes resolved, classes and quantified characters left out:
    `sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}` gives ['sk-', 'T3BlbkFJ']. Fixed words inside a token
    (a version marker, `live`/`test`, a URL path) must survive re-randomization."""
    runs, current, i = [], "", 0

    def close():
        nonlocal current
        if len(current) >= 2 and any(c.isalnum() for c in current):
            runs.append(current)
        current = ""
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            i += 2
            if nxt.isalnum():  # \b \w \d \s \p{..}: a class or an anchor, not a literal
                close()
                if nxt in "pP" and pattern[i:i + 1] == "{":
                    i = pattern.find("}", i) + 1
            else:
                current += nxt
        elif c == "[":
            close()
            i += 2 if pattern[i + 1:i + 2] == "]" else 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        elif c == "(":
            close()
            m = re.match(r"\((?:\?(?:[:=!>]|<[A-Za-z_]\w*>|[imsx-]+[:)]))?", pattern[i:])
            i += len(m.group(0))
        elif c in "?*+{":
            current = current[:-1]  # the quantified character is optional or repeated: not fixed
            close()
            i = (pattern.find("}", i) if c == "{" else i) + 1
        elif c in ")|^$.":
            close()
            i += 1
        else:
            current += c
            i += 1
    close()
    return runs


def literal_mask(secrets, keywords, literals=()):
    """Which character positions of the first secret are literal (kept as they are).

    Kept: punctuation, URL escapes and 1-2 character pieces between punctuation; the longest keyword
    the secret starts with (the provider prefix); every place where one of the pattern's literal runs
    occurs; and with two or more distinct example secrets, whatever they all share: per segment between
    separators that every secret has the same number of times (so the JSON header after each `.` of a
    JWT stays), the segment's common prefix and suffix."""
    first = secrets[0]
    mask = [not c.isalnum() for c in first]
    for m in re.finditer(r"%[0-9A-Fa-f]{2}|(?<![0-9A-Za-z])[0-9A-Za-z]{1,2}(?![0-9A-Za-z])", first):
        # URL escapes (%2B), and one- or two-character pieces between punctuation: markers such as
        # `$6$`, `0.`, `_v2_` rather than random text
        for i in range(m.start(), m.end()): mask[i] = True
    for kw in keywords:
        if first.lower().startswith(kw):
            for i in range(len(kw)): mask[i] = True
    lowered = first.lower()
    for literal in literals:
        for m in re.finditer(re.escape(literal.lower()), lowered):
            for i in range(m.start(), m.end()): mask[i] = True
    distinct = sorted(set(secrets))
    if len(distinct) < 2:
        return mask
    seps = {c for c in set(first) if not c.isalnum() and len({s.count(c) for s in distinct}) == 1}
    splitter = re.compile("[" + re.escape("".join(sorted(seps))) + "]") if seps else None
    if splitter and len({tuple(splitter.findall(s)) for s in distinct}) != 1:
        splitter = None
    segments = [splitter.split(s) if splitter else [s] for s in distinct]
    pos = 0
    for index, segment in enumerate(splitter.split(first) if splitter else [first]):
        column = [segs[index] for segs in segments]
        prefix, suffix = len(common_prefix(column)), len(common_suffix(column))
        if prefix == len(segment):
            suffix = 0
        for i in range(len(segment)):
            if i < prefix or i >= len(segment) - suffix:
                mask[pos + i] = True
        pos += len(segment) + 1  # the separator after it
    return mask


CLASSES = {"digit": string.digits, "lower": string.ascii_lowercase, "upper": string.ascii_uppercase}


def char_class(c):
    if not c.isascii(): return None
    return "digit" if c.isdigit() else "lower" if c.islower() else "upper" if c.isupper() else None


def rule_alphabet(masked_secrets):
    """Per character class, what the rule's examples draw from: hex letters when every random letter is
    a-f (A-F); the characters seen when a class is well sampled and some are never used (base32's 2-7,
    bech32 without 1/B/I/O); otherwise the whole class."""
    seen = collections.defaultdict(list)
    for secret, mask in masked_secrets:
        for c, literal in zip(secret, mask):
            if not literal and char_class(c): seen[char_class(c)].append(c)
    total = sum(len(v) for v in seen.values())
    alphabet = {}
    for cls, full in CLASSES.items():
        chars = set(seen[cls])
        hex_letters = set(full[:6]) if cls != "digit" else set()
        if chars and cls != "digit" and chars <= hex_letters and total >= 16:
            alphabet[cls] = "".join(sorted(hex_letters))
        elif cls == "digit" and chars and chars <= set("234567") and len(seen[cls]) >= 6:
            alphabet[cls] = "234567"
        elif len(seen[cls]) >= 40 and len(chars) < len(full):
            alphabet[cls] = "".join(sorted(chars))
        else:
            alphabet[cls] = full
    return alphabet


def stretch_alphabet(chars, alphabet):
    """A stretch of 8+ random characters whose letters are all a-f stays hex, even in a key that is
    base62 elsewhere (`pat<base62>.<hex>`, `sk_<uuid>`)."""
    narrowed = dict(alphabet)
    if len(chars) >= 8:
        for cls in ("lower", "upper"):
            letters = {c for c in chars if char_class(c) == cls}
            if letters and letters <= set(CLASSES[cls][:6]): narrowed[cls] = CLASSES[cls][:6]
    return narrowed


def randomize(template, mask, alphabet, rnd):
    """Class for class: digit -> digit, lower -> lower, upper -> upper; literals and punctuation kept.
    Hex is judged per stretch of letters, digits and dashes (a UUID is one stretch), else per piece
    between dashes (`xkeysib-<hex>-<base62>`)."""
    out = list(template)
    for stretch in re.finditer(r"[0-9A-Za-z-]+", template):
        pieces = [stretch] if hexlike(template, mask, stretch) else list(re.finditer(r"[0-9A-Za-z]+", stretch.group(0)))
        offset = 0 if pieces == [stretch] else stretch.start()
        for piece in pieces:
            positions = [i for i in range(offset + piece.start(), offset + piece.end())
                         if not mask[i] and char_class(template[i])]
            run = stretch_alphabet([template[i] for i in positions], alphabet)
            for i in positions:
                out[i] = rnd.choice(run[char_class(template[i])])
    return "".join(out)


def hexlike(template, mask, stretch):
    chars = [template[i] for i in range(stretch.start(), stretch.end()) if not mask[i] and char_class(template[i])]
    return stretch_alphabet(chars, {"lower": "", "upper": ""}) != {"lower": "", "upper": ""}


def base62_crc32(body):
    n, digits = binascii.crc32(body.encode()), ""
    for _ in range(6):
        n, k = divmod(n, 62)
        digits = B62[k] + digits
    return digits


def with_checksum(secret):
    """GitHub-style: the last 6 characters are base62(CRC32) of what lies between the last `_` and them
    (src/HookGuard.Core/Matching/Checksums.cs)."""
    body_start = secret.rfind("_") + 1
    body = secret[body_start:-6]
    return secret[:-6] + base62_crc32(body) if body else secret


Fresh = collections.namedtuple("Fresh", "line old new prefix value")


def value_around(line, secret):
    """What the example assigns, of which the secret is part: the quoted string around it; else, in a
    connection string (`Key=v;AccountKey=secret;...`), the line less a leading `NAME=`; else the
    blank-delimited word less a leading `NAME=` (or up to the last `(`). A Cloudinary secret travels as
    `cloudinary://k:s@c`, a Razorpay one as `rzp_live_…:s`: moved to another file, the whole value moves."""
    start = line.find(secret)
    end = start + len(secret)
    best = None
    for q in "\"'`":
        qs, qe = line.rfind(q, 0, start), line.find(q, end)
        if qs != -1 and qe != -1 and (best is None or qs > best[0]):
            best = (qs + 1, qe)
    if best:
        return line[best[0]:best[1]]
    assignment = re.match(r"\s*(?:export\s+)?[A-Z][A-Z0-9_]*=|\s*[\w.-]+:\s+", line)
    if ";" in line[:start]:
        return line[assignment.end() if assignment and assignment.end() <= start else 0:].strip().rstrip(";")
    s = max(line.rfind(" ", 0, start), line.rfind("\t", 0, start)) + 1
    e = min([i for i in (line.find(" ", end), line.find("\t", end)) if i != -1] or [len(line)])
    name = re.match(r"[A-Za-z_][\w.-]*=", line[s:start])
    cut = max(s + name.end() if name else s, line.rfind("(", s, start) + 1)
    word = line[cut:e]
    return word.rstrip(",;)") if secret in word.rstrip(",;)") else word


def fresh_secrets(rule, located, per_example, rnd, tries=60):
    """[Fresh(example line, old secret, new secret, literal prefix length, value around the old one)]:
    new secrets that the rule's own pattern accepts in place of the old one. An empty list means the
    generator could not make the shape."""
    secrets = [s for _, s in located]
    regex = python_pattern(rule.pattern)
    literals = pattern_literals(rule.pattern)
    masks = [literal_mask([old] + [s for s in secrets if s != old], rule.keywords, literals) for old in secrets]
    alphabet = rule_alphabet(list(zip(secrets, masks)))
    out = []
    for (line, old), mask in zip(located, masks):
        made = 0
        for _ in range(tries * per_example):
            if made == per_example: break
            new = randomize(old, mask, alphabet, rnd)
            if rule.checksum == "crc32-base62":
                new = with_checksum(new)
            if all(mask):  # nothing random in it (a PEM header): one copy is enough
                out.append(Fresh(line, old, new, literal_prefix_length(old, mask), value_around(line, old)))
                break
            if new != old and pattern_accepts(regex, line.replace(old, new), new):
                out.append(Fresh(line, old, new, literal_prefix_length(old, mask), value_around(line, old)))
                made += 1
    return out


def literal_prefix_length(secret, mask):
    """How many leading characters are literal (`ghp_`, `sk_live_`, `AKIA`); 0 for a bare random key."""
    n = 0
    while n < len(secret) and mask[n]: n += 1
    return n if any(c.isalnum() for c in secret[:n]) else 0


# ---------------------------------------------------------------------------------------------------
# Contexts: the same secret in the files developers commit
# ---------------------------------------------------------------------------------------------------
ASSIGNED = re.compile(r"""([A-Za-z_][\w.-]*)["']?\s*(?::=|=>|[:=])\s*["'`]?\s*$""")


def assigned_name(fresh):
    """The name the example assigns the value to (`GITHUB_TOKEN=…`, `"token": "…"`), if any."""
    before = fresh.line[:fresh.line.find(fresh.value)] if fresh.value in fresh.line else ""
    m = ASSIGNED.search(before)
    return m.group(1) if m and len(m.group(1)) <= 40 else None


def name_words(rule, fresh, example=None):
    """Words for the variable that holds the secret: the name the example itself assigns to, if it
    names the provider; else one of the rule's examples that does (context-bound rules need the
    provider in it); else the rule id."""
    def has_keyword(name): return any(k in name.lower() for k in rule.keywords if k.isalnum() or "_" in k)
    own = assigned_name(example) if example else None
    candidates = [n for n in (assigned_name(f) for f in fresh) if n]
    rule_name = rule.id.replace("-", "_")
    chosen = (own if own and has_keyword(own) else None) \
        or next((c for c in candidates if has_keyword(c)), None) or (rule_name if has_keyword(rule_name) else None) \
        or own or (candidates[0] if candidates else rule_name)
    words = [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", chosen)] or ["api", "key"]
    return words, chosen if chosen == own or chosen in candidates else "_".join(words)


def name_styles(words_and_key):
    """The variable name in each language's style; `key` is the name as the example spelt it (for YAML
    and XML keys, where `tls.key` or `DD_APP_KEY` is what people write)."""
    words, key = words_and_key
    return {"UPPER": "_".join(words).upper(), "snake": "_".join(words), "key": key,
            "camel": words[0] + "".join(w.title() for w in words[1:]), "Pascal": "".join(w.title() for w in words)}


def yaml_value(secret):
    return f"'{secret}'" if ": " in secret or " #" in secret or secret[:1] in "&*!|>'\"%@`{[" else secret


def context_line(ctx, names, fresh, secret):
    """The line of this context holding `secret` in place of the example's; None where it cannot sit."""
    if ctx.name == "own":
        return fresh.line.replace(fresh.old, secret)
    if fresh.old == fresh.new:
        return None  # a fixed marker (a PEM header line) means something only where its example puts it
    value = fresh.value.replace(fresh.old, secret)
    if ctx.quote and ctx.quote in value:
        return None
    if ctx.name == "url" and not URL_SAFE.match(value):
        return None
    return ctx.template.format(secret=value, yaml_secret=yaml_value(value), **names)


Case = collections.namedtuple("Case", "rule context kind secret line_text")


class CaseFiles:
    """One file per context type, one case per line; (file, line) -> case, to match findings back."""

    def __init__(self, folder, contexts):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        self.folder, self.contexts = folder, contexts
        self.lines = {c.name: (["{"] if c.name == "json" else []) for c in contexts}
        self.cases = {}

    def add(self, ctx, case):
        if "\n" in case.line_text or "\r" in case.line_text:
            return
        lines = self.lines[ctx.name]
        lines.append(case.line_text)
        self.cases[(ctx.file, len(lines))] = case

    def write(self):
        for ctx in self.contexts:
            lines = self.lines[ctx.name] + (['  "end": true', "}"] if ctx.name == "json" else [])
            with open(os.path.join(self.folder, ctx.file), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")

    def findings_by_case(self, report):
        """[(case, its findings)] for every case written. Only findings that overlap the case's secret
        count: an example line can hold a second, genuine credential (a key id next to its secret)."""
        hits = collections.defaultdict(list)
        for finding in report["findings"]:
            hits[(finding["path"], finding["line"])].append(finding)
        return [(case, [f for f in hits.get(where, []) if overlaps(f, case)]) for where, case in self.cases.items()]


def overlaps(finding, case):
    start = case.line_text.find(case.secret)
    if start < 0:
        return True
    return finding["column"] - 1 < start + len(case.secret) and finding["endColumn"] - 1 > start


# ---------------------------------------------------------------------------------------------------
# Recall and near misses
# ---------------------------------------------------------------------------------------------------
def build_positives(rules, located, contexts, per_example, rnd):
    files = CaseFiles(os.path.join(ACCURACY, "positives"), contexts)
    generated, unshaped = {}, []
    for rule in rules:
        fresh = fresh_secrets(rule, located.get(rule.id, []), per_example, rnd)
        if not fresh:
            unshaped.append(rule.id)
            continue
        generated[rule.id] = fresh
        for f in fresh:
            names = name_styles(name_words(rule, fresh, f))
            for ctx in contexts:
                text = context_line(ctx, names, f, f.new)
                if text is not None:
                    files.add(ctx, Case(rule.id, ctx.name, "positive", f.new, text))
    files.write()
    return files, generated, unshaped


def shortened_and_misprefixed(new, prefix, still_found, rnd):
    out = []
    for cut in (2, 3):
        if len(new) - cut > prefix and not still_found(new[:-cut]):
            out.append(("truncated", new[:-cut]))
            break
    letters = [i for i in range(prefix) if new[i].isalnum()]
    for _ in range(10 if letters else 0):
        i = rnd.choice(letters)
        pool = string.ascii_lowercase if new[i].islower() else string.ascii_uppercase if new[i].isupper() else string.digits
        wrong = new[:i] + rnd.choice(pool.replace(new[i], "")) + new[i + 1:]
        if not still_found(wrong):
            out.append(("wrong prefix", wrong))
            break
    return out


def near_miss_variants(rule, fresh, specific_rules, rnd):
    """(kind, near-miss secret). Truncations and wrong prefixes are kept only when no specific rule's
    pattern takes them (a variable-length key cut short is still a key, and a changed prefix can make
    another provider's); one repeated character is made to fit the pattern when it can, so that the
    entropy and placeholder checks are what must reject it."""
    regex = python_pattern(rule.pattern)
    example_line, old, new, prefix = fresh.line, fresh.old, fresh.new, fresh.prefix
    fits = lambda s: pattern_accepts(regex, example_line.replace(old, s), s)

    def still_found(s):
        line = example_line.replace(old, s)
        start = line.find(s)
        return claimed_by_any(specific_rules, line, start, start + len(s))
    out = []
    if not rule.generic:  # a generic rule takes any random string: only placeholders are near misses for it
        out += shortened_and_misprefixed(new, prefix, still_found, rnd)
    body = new[prefix:]
    same = None
    for c in "aAx0X9":
        candidate = new[:prefix] + "".join(c if ch.isalnum() else ch for ch in body)
        if same is None or fits(candidate):
            same = candidate
        if fits(candidate): break
    if body:
        out.append(("same char", same))
        xs = new[:prefix] + "".join(("x" if ch.islower() or not ch.isalpha() else "X") if ch.isalnum() else ch for ch in body)
        out.append(("xxxx placeholder", xs))
    out.append(("<your-key>", "<your-api-key>"))
    out.append(("${VAR}", "${API_KEY}"))
    return out


def build_near_misses(rules, generated, contexts, rnd):
    files = CaseFiles(os.path.join(ACCURACY, "near-misses"), contexts)
    specific = [r for r in rules if not r.generic]
    for rule in rules:
        for fresh in generated.get(rule.id, [])[:3]:
            names = name_styles(name_words(rule, generated[rule.id], fresh))
            for kind, miss in near_miss_variants(rule, fresh, specific, rnd):
                for ctx in contexts:
                    text = context_line(ctx, names, fresh, miss)
                    if text is not None:
                        files.add(ctx, Case(rule.id, ctx.name, kind, miss, text))
    files.write()
    return files


def redact_start(secret):
    return secret[:4] + "…" if len(secret) > 4 else "…"


def redacted_line(case, width=110):
    text = case.line_text.replace(case.secret, redact_start(case.secret))
    return text if len(text) <= width else text[:width - 1] + "…"


def recall_results(files, report, self_identifying):
    """Per rule, per context and per rule kind (self-identifying or context-bound): positives, found
    by any rule on the line, found by the expected rule; and the missed cases."""
    new = lambda: {"n": 0, "any": 0, "exact": 0, "failed": []}
    per_rule, per_context, per_kind = (collections.defaultdict(new) for _ in range(3))
    for case, found in files.findings_by_case(report):
        exact = any(f["ruleId"] == case.rule for f in found)
        kind = "self-identifying" if case.rule in self_identifying else "context-bound"
        for bucket in (per_rule[case.rule], per_context[case.context], per_kind[kind]):
            bucket["n"] += 1
            bucket["any"] += bool(found)
            bucket["exact"] += exact
            if not found: bucket["failed"].append(case)
    return per_rule, per_context, per_kind


# A generic rule that flags a truncated random key or one with a wrong prefix is doing its job: the
# string is still a plausible secret. Placeholders and repeated characters must pass every rule.
PLACEHOLDER_KINDS = {"same char", "xxxx placeholder", "<your-key>", "${VAR}"}


def near_miss_results(files, report, generic_ids):
    new = lambda: {"n": 0, "same": 0, "specific": 0, "any": 0, "counted": 0, "flagged": []}
    per_kind, per_rule = collections.defaultdict(new), collections.defaultdict(new)
    for case, found in files.findings_by_case(report):
        ids = sorted({f["ruleId"] for f in found})
        specific = any(i not in generic_ids for i in ids)
        counted = specific or (bool(ids) and case.kind in PLACEHOLDER_KINDS)
        for bucket in (per_kind[case.kind], per_rule[case.rule]):
            bucket["n"] += 1
            bucket["same"] += case.rule in ids
            bucket["specific"] += specific
            bucket["any"] += bool(ids)
            bucket["counted"] += counted
        if counted:
            per_rule[case.rule]["flagged"].append((case, ids))
    return per_kind, per_rule


# ---------------------------------------------------------------------------------------------------
# False-positive corpus
# ---------------------------------------------------------------------------------------------------
def tarball_name(pkg):
    return f"{pkg.name.lstrip('@').replace('/', '-')}-{pkg.version}.tgz"


def fetch_package(pkg):
    """npm pack NAME@VERSION into bench/work/corpus/tarballs (once), then extract the included files
    into bench/work/corpus/packages/<name>@<version>/ (once)."""
    tarballs = os.path.join(CORPUS, "tarballs")
    dest = os.path.join(CORPUS, "packages", f"{pkg.name.replace('/', '__')}@{pkg.version}")
    tgz = os.path.join(tarballs, tarball_name(pkg))
    if os.path.isdir(dest) and os.path.exists(os.path.join(dest, ".complete")):
        return dest
    os.makedirs(tarballs, exist_ok=True)
    if not os.path.exists(tgz):
        print(f"npm pack {pkg.name}@{pkg.version}", file=sys.stderr)
        subprocess.run(["npm", "pack", f"{pkg.name}@{pkg.version}", "--silent", "--pack-destination", tarballs],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    with tarfile.open(tgz) as tar:
        for member in tar.getmembers():
            inner = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if not member.isfile() or ".." in inner.split("/"):
                continue
            if pkg.include and not any(fnmatch.fnmatchcase(inner, g) and ("/" in g or "/" not in inner) for g in pkg.include):
                continue
            target = os.path.join(dest, inner)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
    open(os.path.join(dest, ".complete"), "w").close()
    return dest


def folder_stats(folder):
    files, size = 0, 0
    for d, _, names in os.walk(folder):
        for n in names:
            if n != ".complete":
                files += 1
                size += os.path.getsize(os.path.join(d, n))
    return files, size


def read_line(path, number):
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f, 1):
            if i == number: return line.rstrip("\r\n")
    return ""


def masked_snippet(folder, finding, width=100):
    """The finding's line with the secret replaced by HookGuard's redacted form; nothing when the span
    cannot be confirmed."""
    line = read_line(os.path.join(folder, finding["path"]), finding["line"])
    secret = finding_span(line, finding)
    if secret is None:
        return None
    start = line.find(secret)
    masked = line[:start] + finding["secretRedacted"] + line[start + len(secret):]
    left = max(0, start - 40)
    snippet = masked[left:left + width].strip()
    return ("…" if left else "") + snippet + ("…" if left + width < len(masked) else "")


def false_positive_run(exe, packages):
    folders = [(pkg, fetch_package(pkg)) for pkg in packages]
    # one scan per package: a --quick run leaves the other packages on disk, and the table wants per-package counts
    report = {"findings": [], "stats": {"files": 0, "bytes": 0, "lines": 0}}
    per_package = []
    for pkg, folder in folders:
        part = scan(exe, folder)
        prefix = os.path.basename(folder) + "/"
        for f in part["findings"]:
            f["snippet"] = masked_snippet(folder, f)
            f["path"] = prefix + f["path"]
        report["findings"] += part["findings"]
        for k in ("files", "bytes", "lines"):
            report["stats"][k] += part["stats"].get(k, 0)
        files, size = folder_stats(folder)
        per_package.append((pkg, files, size, part["stats"].get("bytes", 0), len(part["findings"])))
    return report, per_package


# ---------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------
def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "n/a"


def machine_line():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    return (f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def git_short_head():
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
    return out.strip() or "unknown"


def varied_samples(findings, n):
    """Up to n findings that differ in what precedes the secret (`"ChangeToken": ` 40 times is one
    lesson), in file order."""
    chosen, seen = [], set()
    for f in findings:
        key = (f.get("snippet") or f["path"]).split(f["secretRedacted"])[0].strip()
        if key not in seen:
            seen.add(key)
            chosen.append(f)
    return (chosen + [f for f in findings if f not in chosen])[:n]


def table_cell(text):
    return text.replace("|", "\\|").replace("`", "'")


def fp_section(report, per_package, quick):
    out = []
    mb = report["stats"]["bytes"] / 1e6
    findings = report["findings"]
    out.append("## False positives: open-source corpus\n")
    out.append(f"Pinned npm packages ({'quick subset' if quick else 'full set'}), fetched with `npm pack` into "
               "bench/work/corpus/. Every finding here counts as a false positive; review them below.\n")
    out.append("| package | version | files | MB on disk | MB scanned | findings | what it adds |")
    out.append("|---|---|---:|---:|---:|---:|---|")
    for pkg, files, size, scanned, count in per_package:
        scope = "" if pkg.include is None else " (subset)"
        out.append(f"| {pkg.name}{scope} | {pkg.version} | {files} | {size / 1e6:.1f} | {scanned / 1e6:.1f} | "
                   f"{count} | {pkg.why} |")
    out.append(f"\n**{mb:.1f} MB** scanned in {report['stats']['files']} files, {report['stats']['lines']} lines: "
               f"**{len(findings)} findings = {len(findings) / mb if mb else 0:.3f} false positives per MB.**\n")
    by_rule = collections.Counter(f["ruleId"] for f in findings)
    if by_rule:
        out.append("| rule | false positives | per MB | examples (path:line, redacted) |")
        out.append("|---|---:|---:|---|")
        for rule_id, count in by_rule.most_common(20):
            samples = varied_samples([f for f in findings if f["ruleId"] == rule_id], 3)
            text = "<br>".join(f"`{f['path']}:{f['line']}` " + (f"`{table_cell(f['snippet'])}`" if f.get("snippet")
                                                                 else f["secretRedacted"]) for f in samples)
            out.append(f"| {rule_id} | {count} | {count / mb:.3f} | {text} |")
        out.append("\n<details><summary>Every finding (first 300), with its line, the secret redacted</summary>\n")
        for f in findings[:300]:
            snippet = f.get("snippet")
            out.append(f"- `{f['path']}:{f['line']}` {f['ruleId']} {f['secretRedacted']}"
                       + (f" — `{snippet.replace('`', chr(39))}`" if snippet else ""))
        out.append("\n</details>\n")
    return out


def recall_section(per_rule, per_context, per_kind, unshaped, contexts):
    out = ["## Recall: fresh secrets of every rule's shape\n"]
    total = sum(b["n"] for b in per_rule.values())
    found_any = sum(b["any"] for b in per_rule.values())
    found_exact = sum(b["exact"] for b in per_rule.values())
    out.append(f"{total} generated positives for {len(per_rule)} rules in {len(contexts)} context types: each "
               "example secret re-randomized class for class (literal prefix and fixed parts kept, CRC32 "
               "checksums recomputed), checked against the rule's own pattern, then written as the value of "
               "a variable named as in the rule's examples. "
               f"**Recall {pct(found_any, total)}** (any rule's finding overlapping the secret); by the expected rule itself "
               f"{pct(found_exact, total)}.\n")
    out.append("| rules | positives | recall (any rule) | recall (expected rule) | in the rule's own example lines |")
    out.append("|---|---:|---:|---:|---:|")
    for kind in ("self-identifying", "context-bound"):
        b = per_kind.get(kind)
        if b:
            out.append(f"| {kind} | {b['n']} | {pct(b['any'], b['n'])} | {pct(b['exact'], b['n'])} | "
                       f"{sum(1 for c in b['failed'] if c.context == 'own')} missed |")
    out.append("\nSelf-identifying: a rule keyword (its prefix) is in the value itself. Context-bound: the rule "
               "needs the provider's name or a file structure around the value (JWK, kubeconfig, pgpass), so "
               "the generic contexts below can miss by design; the `own` context keeps that structure.\n")
    out.append("| context | file | positives | recall (any rule) | recall (expected rule) |")
    out.append("|---|---|---:|---:|---:|")
    for ctx in contexts:
        b = per_context.get(ctx.name)
        if b:
            out.append(f"| {ctx.name} | `{ctx.file}` | {b['n']} | {pct(b['any'], b['n'])} | {pct(b['exact'], b['n'])} |")
    low = sorted(((b["any"] / b["n"], rule_id, b) for rule_id, b in per_rule.items() if b["n"] and b["any"] / b["n"] < 0.9),
                 key=lambda t: (t[0], t[1]))
    out.append(f"\n### Rules under 90% recall: {len(low)} of {len(per_rule)}\n")
    if low:
        out.append("| rule | recall | missed (context: count) | a missed line (secret cut to 4 chars) |")
        out.append("|---|---:|---|---|")
        for ratio, rule_id, b in low:
            missed = collections.Counter(c.context for c in b["failed"])
            where = ", ".join(f"{k} {v}" for k, v in missed.most_common())
            out.append(f"| {rule_id} | {100 * ratio:.0f}% | {where} | `{table_cell(redacted_line(b['failed'][0]))}` |")
    own_misses = [c for b in per_rule.values() for c in b["failed"] if c.context == "own"]
    if own_misses:
        out.append(f"\nMissed in the rule's own example lines ({len(own_misses)}; the same shape and context as "
                   "an example that passes, so each is worth a look):\n")
        out += [f"- {c.rule}: `{table_cell(redacted_line(c))}`" for c in own_misses[:30]]
    if unshaped:
        out.append(f"\nNo positive could be generated (the generator could not reproduce the shape) for "
                   f"{len(unshaped)} rules: {', '.join(unshaped)}.\n")
    return out


def near_miss_section(per_kind, per_rule):
    out = ["## Near misses\n"]
    total = sum(b["n"] for b in per_kind.values())
    counted = sum(b["counted"] for b in per_kind.values())
    out.append(f"{total} near misses of the generated secrets, in the `.env`, YAML, JSON, Python and own-example "
               "contexts: cut 2-3 characters short or with one prefix character changed (kept only where no "
               "specific rule's pattern takes them: `sk_live_` cut short can still be a Stripe key), the body "
               "as one repeated character or "
               "`xxxx` (shaped to fit the pattern where possible, so the entropy and placeholder checks are "
               f"what rejects them), `<your-api-key>`, `${{API_KEY}}`. **Flagged: {pct(counted, total)}** "
               "(target ≤ 5%), counting any specific rule, and generic rules only on placeholders and "
               "repeated characters (a truncated random key is still a plausible secret for them).\n")
    out.append("| kind | cases | by the rule imitated | by any specific rule | by any rule incl. generic | counted |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for kind, b in sorted(per_kind.items()):
        out.append(f"| {kind} | {b['n']} | {pct(b['same'], b['n'])} | {pct(b['specific'], b['n'])} | "
                   f"{pct(b['any'], b['n'])} | {pct(b['counted'], b['n'])} |")
    worst = sorted(((b["counted"] / b["n"], rule_id, b) for rule_id, b in per_rule.items() if b["n"] and b["counted"]),
                   key=lambda t: (-t[0], t[1]))[:15]
    if worst:
        out.append("\n### Worst rules\n")
        out.append("| rule | near misses | counted as flagged | by itself | an example (secret cut to 4 chars) → flagged by |")
        out.append("|---|---:|---:|---:|---|")
        for ratio, rule_id, b in worst:
            case, by = b["flagged"][0]
            out.append(f"| {rule_id} | {b['n']} | {100 * ratio:.0f}% | {pct(b['same'], b['n'])} | "
                       f"{case.kind}: `{table_cell(redacted_line(case, 80))}` → {', '.join(by)} |")
    return out


def headline(fp_report, per_rule, per_recall_kind, nm_kind, low_count):
    mb = fp_report["stats"]["bytes"] / 1e6
    n = len(fp_report["findings"])
    total = sum(b["n"] for b in per_rule.values())
    nm_total = sum(b["n"] for b in nm_kind.values())
    top = ", ".join(f"{r} {c}" for r, c in collections.Counter(f["ruleId"] for f in fp_report["findings"]).most_common(5))
    selfid = per_recall_kind.get("self-identifying", {"n": 0, "any": 0})
    bound = per_recall_kind.get("context-bound", {"n": 0, "any": 0})
    return ["## Headline\n", "| measure | value |", "|---|---|",
            f"| corpus scanned | {mb:.1f} MB |",
            f"| false positives | {n} ({n / mb if mb else 0:.3f} per MB) |",
            f"| top false-positive rules | {top or 'none'} |",
            f"| recall (any rule, overlapping the secret) | {pct(sum(b['any'] for b in per_rule.values()), total)} of {total} "
            f"(self-identifying rules {pct(selfid['any'], selfid['n'])}, context-bound {pct(bound['any'], bound['n'])}) |",
            f"| recall (the expected rule) | {pct(sum(b['exact'] for b in per_rule.values()), total)} |",
            f"| rules under 90% recall | {low_count} of {len(per_rule)} |",
            f"| near misses flagged | {pct(sum(b['counted'] for b in nm_kind.values()), nm_total)} of {nm_total} "
            f"(by the rule imitated: {pct(sum(b['same'] for b in nm_kind.values()), nm_total)}) |", ""]


# ---------------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--exe", default=os.path.join(ROOT, "artifacts", "bench", "hookguard"),
                    help="published hookguard binary (default artifacts/bench/hookguard)")
    ap.add_argument("--quick", action="store_true", help="7 small packages, 5 context types, 1 secret per example")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"), help="rule folder whose examples seed the shapes")
    ap.add_argument("--no-save", action="store_true", help="print the report only")
    ap.add_argument("--fetch-only", action="store_true", help="fetch the npm corpus (also the matcher micro-benchmarks' input) and stop")
    a = ap.parse_args()
    if a.fetch_only:
        for pkg in PACKAGES:
            fetch_package(pkg)
        return
    exe = os.path.abspath(a.exe)
    if not os.path.exists(exe):
        sys.exit(f"no hookguard binary at {exe}: publish one (dotnet publish src/HookGuard.Cli/HookGuard.Cli.csproj "
                 f"-c Release -o artifacts/bench) or pass --exe")
    rnd = random.Random(a.seed)
    os.makedirs(ACCURACY, exist_ok=True)

    rules = load_rules(a.rules)
    in_binary = binary_rule_ids(exe)
    missing = sorted(r.id for r in rules if r.id not in in_binary)
    rules = [r for r in rules if r.id in in_binary]
    contexts = [c for c in CONTEXTS if not a.quick or c.name in QUICK_CONTEXTS]
    packages = [p for p in PACKAGES if not a.quick or p.name in QUICK_PACKAGES]

    print(f"false positives: {len(packages)} npm packages", file=sys.stderr)
    fp_report, per_package = false_positive_run(exe, packages)

    print(f"recall: {len(rules)} rules", file=sys.stderr)
    located = locate_example_secrets(exe, rules)
    positives, generated, unshaped = build_positives(rules, located, contexts, 1 if a.quick else 3, rnd)
    self_identifying = {r.id for r in rules if generated.get(r.id) and
                        any(k in generated[r.id][0].value.lower() for k in r.keywords)}
    per_rule, per_context, per_recall_kind = recall_results(positives, scan(exe, positives.folder), self_identifying)

    print("near misses", file=sys.stderr)
    near = build_near_misses(rules, generated, [c for c in contexts if c.name in QUICK_CONTEXTS], rnd)
    nm_kind, nm_rule = near_miss_results(near, scan(exe, near.folder), {r.id for r in rules if r.generic})

    low_count = sum(1 for b in per_rule.values() if b["n"] and b["any"] / b["n"] < 0.9)
    head = git_short_head()
    lines = [f"# HookGuard accuracy: {datetime.date.today()}, commit {head}\n",
             f"Binary: `{os.path.relpath(exe, ROOT) if exe.startswith(ROOT) else exe}` ({binary_version(exe)}), "
             f"{len(in_binary)} rules in the binary, {len(rules)} with examples in rules/. Machine: {machine_line()}. "
             f"Seed {a.seed}{', --quick' if a.quick else ''}.\n"]
    if missing:
        lines.append(f"Rules in rules/ but not in the binary (skipped): {', '.join(missing)}.\n")
    lines += headline(fp_report, per_rule, per_recall_kind, nm_kind, low_count)
    lines += fp_section(fp_report, per_package, a.quick)
    lines += recall_section(per_rule, per_context, per_recall_kind, unshaped, contexts)
    lines += near_miss_section(nm_kind, nm_rule)
    text = "\n".join(lines) + "\n"
    print(text)
    if not a.no_save:
        os.makedirs(RESULTS, exist_ok=True)
        name = f"{datetime.date.today()}-accuracy-{head}{'-quick' if a.quick else ''}.md"
        with open(os.path.join(RESULTS, name), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"written to bench/results/{name}", file=sys.stderr)


if __name__ == "__main__":
    main()
