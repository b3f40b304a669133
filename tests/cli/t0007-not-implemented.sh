#!/bin/bash
#
# t0007-not-implemented: commands whose body is still to come
#
# Every helm v4 command is registered with its flags; until its body lands, running it
# prints an error naming it and exits 1, with nothing on stdout.

. "$(dirname "$0")/lib.sh"

check 1 stderr 'create c' <<\EOF
Error: "helmc create" is not implemented yet
EOF

check 1 stderr 'lint c' <<\EOF
Error: "helmc lint" is not implemented yet
EOF

check 1 stderr 'search hub' <<\EOF
Error: "helmc search hub" is not implemented yet
EOF

check 1 stderr 'verify p' <<\EOF
Error: "helmc verify" is not implemented yet
EOF

check 1 stderr 'test r' <<\EOF
Error: "helmc test" is not implemented yet
EOF

check 1 stderr 'completion bash' <<\EOF
Error: "helmc completion bash" is not implemented yet
EOF

check 1 stderr 'completion fish' <<\EOF
Error: "helmc completion fish" is not implemented yet
EOF

check 1 stderr 'completion powershell' <<\EOF
Error: "helmc completion powershell" is not implemented yet
EOF

check 1 stderr 'completion zsh' <<\EOF
Error: "helmc completion zsh" is not implemented yet
EOF

check 1 stderr env <<\EOF
Error: "helmc env" is not implemented yet
EOF

check 1 stderr 'plugin install p' <<\EOF
Error: "helmc plugin install" is not implemented yet
EOF

check 1 stderr 'plugin list' <<\EOF
Error: "helmc plugin list" is not implemented yet
EOF

check 1 stderr 'plugin package p' <<\EOF
Error: "helmc plugin package" is not implemented yet
EOF

check 1 stderr 'plugin uninstall p' <<\EOF
Error: "helmc plugin uninstall" is not implemented yet
EOF

check 1 stderr 'plugin update p' <<\EOF
Error: "helmc plugin update" is not implemented yet
EOF

check 1 stderr 'plugin verify p' <<\EOF
Error: "helmc plugin verify" is not implemented yet
EOF

check 1 stderr 'registry login h' <<\EOF
Error: "helmc registry login" is not implemented yet
EOF

check 1 stderr 'registry logout h' <<\EOF
Error: "helmc registry logout" is not implemented yet
EOF

check 1 stderr 'push c r' <<\EOF
Error: "helmc push" is not implemented yet
EOF

check 1 stderr 'docs --type man' <<\EOF
Error: "helmc docs" is not implemented yet
EOF

finish
