#!/usr/bin/env python3
"""Extract the per-exchange prompt text from a stillwatch corpus, as TSV.

Usage: extract_prompts.py CORPUS_DIR OUT_FILE

Reads every *.jsonl (and *.jsonl.gz) file under CORPUS_DIR, files sorted by
their path relative to CORPUS_DIR and lines kept in file order, and writes one
line per exchange to OUT_FILE ("-" for stdout):

    account<TAB>prompt

The prompt is the text stillwatch sketches for the exchange (FeatureExtractor
.userText): the first `user` message whose text is non-empty (else the first
message); with no `messages` array, the `prompt` string. A message's text is
its `content` if that is a string, else the parts of its content array joined
with "\n": string items, `text` blocks' `text`, and the nested content of
`tool_result` blocks (the SimdjsonBridge rules). In the output, CR, LF and TAB
become spaces so that each record is one TSV line; that changes no token, since
every one of those characters separates tokens in both stillwatch and the peers.
The text is NOT cut at stillwatch's 2048-byte limit here; the peer does that.

Lines that are blank or not JSON objects are skipped and counted on stderr.
Needs only the Python standard library.
"""
import gzip
import json
import os
import sys

_SEPARATORS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def content_text(content):
    """Text of a message's `content`: a string, or an array of parts."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    parts = []
    for item in content:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            kind = item.get("type")
            if kind == "text":
                body = item.get("text")
                if isinstance(body, str):
                    parts.append(body)
            elif kind == "tool_result" and "content" in item:
                nested = content_text(item["content"])
                if nested:
                    parts.append(nested)
    return "\n".join(parts)


def prompt_of(record):
    messages = record.get("messages")
    if isinstance(messages, list) and messages:
        first = None
        for message in messages:
            if not isinstance(message, dict):
                continue
            text = content_text(message.get("content"))
            if first is None:
                first = text
            if message.get("role") == "user" and text:
                return text
        return first or ""
    prompt = record.get("prompt")
    return prompt if isinstance(prompt, str) else ""


def corpus_files(root):
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in files:
            if name.endswith(".jsonl") or name.endswith(".jsonl.gz"):
                path = os.path.join(directory, name)
                found.append((os.path.relpath(path, root), path))
    found.sort()
    return [path for _, path in found]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: extract_prompts.py CORPUS_DIR OUT_FILE\n")
        return 2
    root, out_path = argv[1], argv[2]
    if not os.path.isdir(root):
        sys.stderr.write(f"extract_prompts.py: not a directory: {root}\n")
        return 2
    files = corpus_files(root)
    if not files:
        sys.stderr.write(f"extract_prompts.py: no *.jsonl files under {root}\n")
        return 1
    out = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8", newline="\n")
    written = skipped = 0
    try:
        for path in files:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as handle:
                for raw in handle:  # binary: splits on b"\n" only
                    if not raw.strip():
                        continue
                    try:
                        record = json.loads(raw)
                    except ValueError:
                        skipped += 1
                        continue
                    if not isinstance(record, dict):
                        skipped += 1
                        continue
                    account = record.get("account")
                    account = account if isinstance(account, str) else ""
                    text = prompt_of(record)
                    out.write(account.translate(_SEPARATORS))
                    out.write("\t")
                    out.write(text.translate(_SEPARATORS))
                    out.write("\n")
                    written += 1
    finally:
        if out is not sys.stdout:
            out.close()
    sys.stderr.write(
        f"extract_prompts.py: {written} exchanges from {len(files)} files"
        + (f", {skipped} lines skipped" if skipped else "")
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
