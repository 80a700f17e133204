#!/usr/bin/env bash
# Fails when a layer includes a layer it must not know (docs/design.md, "Layers"):
# protocol knows nothing of sockets; core and the Omegga adapter know no Asio;
# hub and link know nothing of Omegga; nothing includes upwards.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
forbid() { # forbid LAYER PATTERN WHY
    local hits
    hits=$(grep -rnE "#include [<\"]($2)" "src/csc/$1" 2>/dev/null)
    if [[ -n $hits ]]; then
        echo "layer '$1' must not include $2 ($3):"
        echo "$hits" | sed 's/^/  /'
        status=1
    fi
}
forbid protocol 'asio|csc/(core|net|hub|link|omegga)/' "the codec knows nothing of sockets or layers above it"
forbid auth 'asio|csc/(net|hub|link|omegga)/' "authentication is sans-I/O"
forbid delivery 'asio|csc/(net|hub|link|omegga)/' "delivery logic is sans-I/O"
forbid core 'asio|csc/(net|hub|link|omegga)/' "pure logic, no I/O"
forbid net 'csc/(hub|link|omegga)/' "plumbing knows no roles"
forbid hub 'csc/(link|omegga)/' "the hub knows nothing of Omegga"
forbid link 'csc/(hub|omegga)/' "the link knows nothing of Omegga"
forbid omegga 'asio|csc/(net|hub|link)/|sys/socket|netinet' "the Omegga adapter knows nothing of sockets"
[[ $status -eq 0 ]] && echo "layers ok"
exit $status
