#!/bin/bash
#
# t0701-dependency-list: helmc dependency list, against what helm v4.1.4 prints for the same
# chart: every status (ok, wrong version, misnamed, unpacked, missing, too many matches),
# --max-col-width, the warnings for charts/ entries, and the errors.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"

cd "$tmp" || exit 1
mkdir -p L/charts src
mk okc 1.0.0 src/okc; mk wrongv 2.0.0 src/wrongv; mk other 1.0.0 src/other
mk two 1.0.0 src/two1; mk two 1.1.0 src/two2; mk extra 0.1.0 src/extra
mk unp 1.5.0 L/charts/unp; mk unpw 3.0.0 L/charts/unpw
for d in okc wrongv two1 two2 extra; do
    env -i "$HELMC" package "src/$d" -d L/charts >/dev/null || exit 1
done
env -i "$HELMC" package src/other -d src >/dev/null && mv src/other-1.0.0.tgz L/charts/misn-1.0.0.tgz
cat >L/Chart.yaml <<\EOF
apiVersion: v2
name: l
version: 0.1.0
dependencies:
- {name: okc, version: ^1.0.0, repository: https://example.com/charts}
- {name: wrongv, version: ~1.0.0, repository: https://example.com/charts}
- {name: misn, version: 1.0.0, repository: "@foo"}
- {name: unp, version: ">=1.0.0", repository: file://../x}
- {name: unpw, version: 1.x, repository: ""}
- {name: missing, version: 1.0.0, repository: https://example.com/a-very-long-repository-url/that-goes-on-and-on/and-on}
- {name: two, version: "*", repository: https://example.com/charts}
- {name: badv, version: "not a version", repository: https://example.com/charts}
EOF

check 0 stdout 'dependency list L' <<\EOF
NAME   	VERSION      	REPOSITORY                                                               	STATUS          
okc    	^1.0.0       	https://example.com/charts                                               	ok              
wrongv 	~1.0.0       	https://example.com/charts                                               	wrong version   
misn   	1.0.0        	@foo                                                                     	misnamed        
unp    	>=1.0.0      	file://../x                                                              	unpacked        
unpw   	1.x          	                                                                         	wrong version   
missing	1.0.0        	https://example.com/a-very-long-repository-url/that-goes-on-and-on/and-on	missing         
two    	*            	https://example.com/charts                                               	too many matches
badv   	not a version	https://example.com/charts                                               	missing         

WARNING: "L/charts/extra-0.1.0.tgz" is not in Chart.yaml.
WARNING: "L/charts/misn-1.0.0.tgz" is not in Chart.yaml.
EOF

check 0 stdout 'dep ls ./L/ --max-col-width 10' <<\EOF
NAME   	VERSION   	REPOSITORY	STATUS    
okc    	^1.0.0    	https:/...	ok        
wrongv 	~1.0.0    	https:/...	wrong v...
misn   	1.0.0     	@foo      	misnamed  
unp    	>=1.0.0   	file://...	unpacked  
unpw   	1.x       	          	wrong v...
missing	1.0.0     	https:/...	missing   
two    	*         	https:/...	too man...
badv   	not a v...	https:/...	missing   

WARNING: "L/charts/extra-0.1.0.tgz" is not in Chart.yaml.
WARNING: "L/charts/misn-1.0.0.tgz" is not in Chart.yaml.
EOF

# a chart without dependencies, as a directory and as an archive
check 0 stdout 'dependency list src/okc' <<\EOF
WARNING: no dependencies at src/okc/charts
EOF
env -i "$HELMC" package src/okc -d src >/dev/null
check 0 stdout 'dependency list src/okc-1.0.0.tgz' <<\EOF
WARNING: no dependencies at src/okc-1.0.0.tgz/charts
EOF

check 1 stderr 'dependency list nothere' <<\EOF
Error: stat nothere: no such file or directory
EOF

echo junk >L/charts/corr-1.0.0.tgz
check 1 stderr 'dependency list L' <<\EOF
Error: error unpacking subchart corr-1.0.0.tgz in l: unexpected EOF
EOF
rm L/charts/corr-1.0.0.tgz

echo 'dependencies: [' >L/Chart.lock
check 1 stderr 'dependency list L' <<\EOF
Error: cannot load Chart.lock: error converting YAML to JSON: yaml: line 1: did not find expected node content
EOF

finish
