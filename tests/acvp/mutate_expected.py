"""Writes a copy of an ACVP expectedResults.json with one answer changed.

usage: mutate_expected.py IN OUT TCID FIELD
Changes FIELD of case TCID: a hex string gets its first digit changed, a boolean is negated,
a Monte Carlo resultsArray gets its last entry's last field changed.
Group-level FIELD (e.g. a sigGen public key) is changed when the case has no such field.
"""
import json
import sys


def mutate(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, list) and value and isinstance(value[-1], dict):
        # Monte Carlo: change the last output of the last checkpoint.
        last = value[-1]
        key = list(last)[-1]
        last[key] = mutate(last[key])
        return value
    if isinstance(value, str) and value:
        first = "1" if value[0] != "1" else "2"
        return first + value[1:]
    raise SystemExit(f"cannot mutate {value!r}")


def main():
    src, dst, tc_id, field = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(src) as f:
        doc = json.load(f)
    for group in doc["testGroups"]:
        for test in group["tests"]:
            if int(test["tcId"]) != tc_id:
                continue
            if field in test:
                test[field] = mutate(test[field])
            elif field in group:
                group[field] = mutate(group[field])
            else:
                raise SystemExit(f"tcId {tc_id} has no field {field}")
            with open(dst, "w") as f:
                json.dump(doc, f)
            return
    raise SystemExit(f"no tcId {tc_id}")


main()
