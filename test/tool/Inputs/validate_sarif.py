"""validate_sarif.py SCHEMA REPORT: the report is valid SARIF 2.1.0."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator.check_schema(schema)
errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(report), key=str)
for e in errors:
    print('invalid: %s at %s' % (e.message, '/'.join(map(str, e.path))))
sys.exit(1 if errors else 0)
