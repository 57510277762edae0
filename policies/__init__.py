"""Checkov external checks for bedrock-lifecycle: `checkov -d . --external-checks-dir policies`.

Thin shims: the logic, the catalog and the resolver live in the bedrock_lifecycle
package, installed into Checkov's environment with `pip install --no-deps
bedrock-lifecycle`, or found in this clone's src/ when loaded with
--external-checks-dir / --external-checks-git.
"""
