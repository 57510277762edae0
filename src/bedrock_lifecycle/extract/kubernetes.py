"""List entries named by what they are, not by their position.

Kubernetes containers (``env: [{name: CHAT_MODEL_ID, value: ...}]``), ECS
task definitions (``environment: [{name, value}]``) and docker-compose's list
form (``environment: ["MODEL_ID=..."]``), and Helm values (``extraEnv``), hold model IDs in lists, where the
generic key path would be ``env[1].value`` or ``environment[0]``: a name that
changes when someone inserts a variable above, and breaks baselines keyed on
it. ``item_labels`` maps each such value node to ``...env.CHAT_MODEL_ID`` /
``...environment.MODEL_ID`` instead; the generic extractor uses it for every
YAML and JSON document (Kubernetes manifests, ConfigMaps, Helm values, compose
files). LiteLLM's ``model_list`` entries are named by their ``model_name``
(``model_list.claude-fast.litellm_params.model``) for the same reason.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import MapNode, Node, ScalarNode, SeqNode, walk

_LIST_KEY = re.compile(r"(?i)env|model_list")
_ENV_ASSIGN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=")

KeyPath = tuple[str | int, ...]


def item_labels(root: Node, text: str | None = None) -> dict[int, KeyPath]:
    """id(node) -> key path naming its list entry, for env lists and LiteLLM model lists under ``root``.

    ``text`` (the document's source) lets a document with no such key skip the walk.
    """
    labels: dict[int, KeyPath] = {}
    if text is not None and not _LIST_KEY.search(text):
        return labels
    for key_path, node in walk(root):
        if not (isinstance(node, SeqNode) and key_path and isinstance(key_path[-1], str)):
            continue
        if key_path[-1] == "model_list":
            _model_list(node, key_path, labels)
        elif "env" in key_path[-1].lower():  # env, environment, extraEnv, envVars, ...
            _env_list(node, key_path, labels)
    return labels


def _env_list(node: SeqNode, key_path: KeyPath, labels: dict[int, KeyPath]) -> None:
    for item in node.items:
        if isinstance(item, MapNode):  # Kubernetes / ECS: {name: X, value: ...}
            name = item.get("name")
            value = item.get("value")
            if isinstance(name, ScalarNode) and name.value and value is not None:
                labels[id(value)] = key_path + (name.value,)
        elif isinstance(item, ScalarNode) and item.is_string:  # docker-compose: "X=..."
            m = _ENV_ASSIGN.match(item.value)
            if m:
                labels[id(item)] = key_path + (m.group(1),)


def _model_list(node: SeqNode, key_path: KeyPath, labels: dict[int, KeyPath]) -> None:
    for item in node.items:  # LiteLLM: entries are named by model_name
        name = item.get("model_name") if isinstance(item, MapNode) else None
        if isinstance(name, ScalarNode) and name.value:
            for sub_path, sub in walk(item, key_path + (name.value,)):
                labels.setdefault(id(sub), sub_path)
