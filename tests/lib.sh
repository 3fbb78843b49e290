# SPDX-License-Identifier: GPL-2.0
#
# Shell helpers shared by the test scripts, which source this file.

# results_binary ARG: set $results to the tool named by ARG, made absolute
# (the scripts change directory), or exit 2 when it is not an executable
results_binary() {
	case $1 in
	/*) results=$1 ;;
	*) results=$PWD/$1 ;;
	esac
	if [[ ! -x $results || -d $results ]]; then
		echo "${0##*/}: $1: not an executable file" >&2
		exit 2
	fi
}

# check NAME COMMAND...: run COMMAND, print "PASS NAME" or "FAIL NAME",
# and count it in $pass or $fail
check() {
	local name=$1

	shift
	if "$@"; then
		echo "PASS $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		fail=$((fail + 1))
	fi
}
