"""Adapters for other tools. Only integrations/checkov imports checkov."""
