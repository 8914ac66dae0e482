"""Tools for rule-set authors: the proof (`analysis`), the comparison of two versions
(`compare`), the example cases (`cases`), the JSON Schemas (`schema`) and the answer-file
template (`template`). Deciding an advice needs none of them."""
