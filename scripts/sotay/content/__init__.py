"""Content: the catalog and everything an editor writes (front matter, config, YAML, short codes),
read and validated once; the guides' steps, facts and Vietnamese text helpers."""
