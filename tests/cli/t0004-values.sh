#!/bin/bash
#
# t0004-values: flag values of every kind and their errors
#
# Expected text: helm v4.1.4's (strconv, time, encoding/csv and helm's own value types),
# "helm" read as "helmc".

. "$(dirname "$0")/lib.sh"

check 1 stderr 'version --short=maybe' <<\EOF
Error: invalid argument "maybe" for "--short" flag: strconv.ParseBool: parsing "maybe": invalid syntax
EOF

check 1 stderr '--debug=x version' <<\EOF
Error: invalid argument "x" for "--debug" flag: strconv.ParseBool: parsing "x": invalid syntax
EOF

check 1 stderr 'history --max x r' <<\EOF
Error: invalid argument "x" for "--max" flag: strconv.ParseInt: parsing "x": invalid syntax
EOF

check 1 stderr 'history --max 99999999999999999999 r' <<\EOF
Error: invalid argument "99999999999999999999" for "--max" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range
EOF

check 1 stderr 'history --max 08 r' <<\EOF
Error: invalid argument "08" for "--max" flag: strconv.ParseInt: parsing "08": invalid syntax
EOF

check 1 stderr 'history --max 1__0 r' <<\EOF
Error: invalid argument "1__0" for "--max" flag: strconv.ParseInt: parsing "1__0": invalid syntax
EOF

check 1 stderr 'history --max= r' <<\EOF
Error: invalid argument "" for "--max" flag: strconv.ParseInt: parsing "": invalid syntax
EOF

check 1 stderr 'search hub --max-col-width -1' <<\EOF
Error: invalid argument "-1" for "--max-col-width" flag: strconv.ParseUint: parsing "-1": invalid syntax
EOF

check 1 stderr 'search hub --max-col-width 18446744073709551616' <<\EOF
Error: invalid argument "18446744073709551616" for "--max-col-width" flag: strconv.ParseUint: parsing "18446744073709551616": value out of range
EOF

check 1 stderr '--qps x version' <<\EOF
Error: invalid argument "x" for "--qps" flag: strconv.ParseFloat: parsing "x": invalid syntax
EOF

check 1 stderr '--qps 1e40 version' <<\EOF
Error: invalid argument "1e40" for "--qps" flag: strconv.ParseFloat: parsing "1e40": value out of range
EOF

check 1 stderr '--qps 0x1 version' <<\EOF
Error: invalid argument "0x1" for "--qps" flag: strconv.ParseFloat: parsing "0x1": invalid syntax
EOF

check 0 stdout '--qps 0x1p-2 --qps=1_0.5 --qps inf version --short' <<\EOF
v0.1.0
EOF

check 1 stderr 'template --timeout 5' <<\EOF
Error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"
EOF

check 1 stderr 'template --timeout 5x' <<\EOF
Error: invalid argument "5x" for "--timeout" flag: time: unknown unit "x" in duration "5x"
EOF

check 1 stderr 'template --timeout x' <<\EOF
Error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"
EOF

check 1 stderr 'template --timeout '"'"''"'"'' <<\EOF
Error: invalid argument "" for "--timeout" flag: time: invalid duration ""
EOF

check 1 stderr 'template --timeout 1$'"'"'\xc3\xa9'"'"'' <<\EOF
Error: invalid argument "1é" for "--timeout" flag: time: unknown unit "\xc3\xa9" in duration "1\xc3\xa9"
EOF

check 1 stderr 'repo add --timeout 9223372036854775808ns' <<\EOF
Error: invalid argument "9223372036854775808ns" for "--timeout" flag: time: invalid duration "9223372036854775808ns"
EOF

check 1 stderr 'template -f '"'"'a"b'"'"'' <<\EOF
Error: invalid argument "a\"b" for "-f, --values" flag: parse error on line 1, column 2: bare " in non-quoted-field
EOF

check 1 stderr 'template -f '"'"'"a"b'"'"'' <<\EOF
Error: invalid argument "\"a\"b" for "-f, --values" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field
EOF

check 1 stderr 'template -f '"'"'"ab'"'"'' <<\EOF
Error: invalid argument "\"ab" for "-f, --values" flag: parse error on line 1, column 4: extraneous or missing " in quoted-field
EOF

check 1 stderr 'template -f $'"'"'"a\nb'"'"'' <<\EOF
Error: invalid argument "\"a\nb" for "-f, --values" flag: record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field
EOF

check 1 stderr 'template --api-versions $'"'"'\n'"'"'' <<\EOF
Error: invalid argument "\n" for "-a, --api-versions" flag: EOF
EOF

check 1 stderr 'template --labels a' <<\EOF
Error: invalid argument "a" for "-l, --labels" flag: a must be formatted as key=value
EOF

check 1 stderr 'template -l a=b,c=d -l e' <<\EOF
Error: invalid argument "e" for "-l, --labels" flag: e must be formatted as key=value
EOF

check 1 stderr 'template --labels '"'"'a=b,"c'"'"'' <<\EOF
Error: "helmc template" requires at least 1 argument

Usage:  helmc template [NAME] [CHART] [flags]
EOF

check 1 stderr 'template --wait=bogus' <<\EOF
Error: invalid argument "bogus" for "--wait" flag: invalid wait input "bogus". Valid inputs are watcher, hookOnly, and legacy
EOF

check 1 stderr 'history -o bogus r' <<\EOF
Error: invalid argument "bogus" for "-o, --output" flag: invalid format type
EOF

check 1 stderr 'get metadata -o' <<\EOF
Error: flag needs an argument: 'o' in -o
EOF

check 1 stderr '--v=x version' <<\EOF
Error: invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax
EOF

check 1 stderr '--logtostderr=x version' <<\EOF
Error: invalid argument "x" for "--logtostderr" flag: parse error
EOF

check 1 stderr '--stderrthreshold=x version' <<\EOF
Error: invalid argument "x" for "--stderrthreshold" flag: strconv.ParseInt: parsing "x": invalid syntax
EOF

check 0 stdout '--stderrthreshold=warning version --short' <<\EOF
v0.1.0
EOF

check 1 stderr '--vmodule=x version' <<\EOF
Error: invalid argument "x" for "--vmodule" flag: syntax error: expect comma-separated list of filename=N
EOF

check 1 stderr '--log-backtrace-at=x version' <<\EOF
Error: invalid argument "x" for "--log-backtrace-at" flag: syntax error: expect file.go:234
EOF

check 1 stderr '--log-file-max-size=x version' <<\EOF
Error: invalid argument "x" for "--log-file-max-size" flag: parse error
EOF

check 1 stderr '--color bogus version' <<\EOF
level=WARN msg="command failed" error="invalid color mode \"bogus\": must be one of: never, auto, always"
EOF

check 1 stderr 'version --short --colour=x' <<\EOF
level=WARN msg="command failed" error="invalid color mode \"x\": must be one of: never, auto, always"
EOF

check 1 stderr 'template --wait=true --dry-run=false c' <<\EOF
level=WARN msg="--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher"
Error: invalid dry-run value ("false"). Must be "server" or "client"
EOF

finish
