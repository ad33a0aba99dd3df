"""Content in several languages: human and machine translations of content, and glossaries."""
