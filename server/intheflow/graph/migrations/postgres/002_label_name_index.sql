-- `(n:Label {name: …})` is the most common start of a query; one index answers it.
CREATE INDEX nodes_label_name ON nodes (label, name);
