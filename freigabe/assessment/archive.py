"""Read the assessor's skops archives without importing scikit-learn.

Our archives hold only dicts, lists, JSON scalars and numpy arrays. skops.io can
read them, but importing it pulls in scikit-learn and SciPy (2 to 3 seconds of a
worker's start). This reader understands exactly those node types of the skops
format and nothing else: arrays are read with numpy's `allow_pickle=False`, and
any other node makes it hand the file to skops.io with the caller's trusted
types, so an archive is never read more permissively than skops would read it.
tests/assessment/test_archive.py checks both readers agree on every shipped file.
"""

import io
import json
import zipfile

import numpy as np


class UnsupportedNode(ValueError):
    """The archive holds a node this reader does not know; skops.io must read it."""


def load(source, trusted=()):
    """The object stored in a skops archive: a path, or the archive's bytes."""
    data = source if isinstance(source, (bytes, bytearray)) else None
    with zipfile.ZipFile(io.BytesIO(data) if data is not None else source) as archive:
        try:
            schema = json.loads(archive.read("schema.json"))
            return _node(schema, archive)
        except UnsupportedNode:
            pass
    import skops.io

    if data is not None:
        return skops.io.loads(bytes(data), trusted=list(trusted))
    return skops.io.load(source, trusted=list(trusted))


def _node(node, archive):
    loader = node.get("__loader__")
    if loader == "JsonNode" and node.get("is_json"):
        return json.loads(node["content"])
    if loader == "ListNode" and node.get("__class__") == "list":
        return [_node(item, archive) for item in node["content"]]
    if loader == "DictNode" and node.get("__class__") == "dict":
        return {_key(key, node): _node(value, archive) for key, value in node["content"].items()}
    if loader == "NdArrayNode" and node.get("type") == "numpy":
        with archive.open(node["file"]) as stored:
            return np.load(io.BytesIO(stored.read()), allow_pickle=False)
    raise UnsupportedNode(f"{loader} ({node.get('__module__')}.{node.get('__class__')})")


def _key(key, node):
    """Dict keys are stored as strings; only str keys are ours."""
    key_type = node.get("key_types", {}).get("content", [])
    if any(kind.get("__class__") != "str" for kind in key_type):
        raise UnsupportedNode("dict with non-str keys")
    return key
