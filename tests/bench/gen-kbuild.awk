# SPDX-License-Identifier: GPL-2.0
#
# A realistic kernel build log, for the benchmark only (never committed):
#
#   LC_ALL=C awk -v mb=200 -v units=4000 [-v jobs=4] -f gen-kbuild.awk \
#       > build.log
#
# One pass is a make -k C=1 W=1 build of UNITS units in 200 directories:
# kbuild's progress lines, gcc warnings with their gutter and caret lines
# (a few per unit, each distinct), warnings in shared headers that repeat
# for every includer with their "In file included from" context,
# kernel-doc warnings, sparse warnings with continuation lines and CHECK
# lines, a dtbs_check block (dtc and dt-validate with TAB continuations)
# and make's "***" chain. Passes repeat, as rebuilds and configurations do,
# until the log is MB megabytes: the distinct diagnostics (tens of
# thousands) stay the same, the occurrences grow. With JOBS > 1, each pass
# builds the units of each run of JOBS neighbours in another order, as
# make -j does.

function out(s) {
	printf "%s", s
	bytes += length(s)
}

function unit_path(u) {
	return sprintf("drivers/sub%03d/mod%02d/file%04d", u % 200, (u / 200) % 20, u)
}

# The unit built at place @k of pass @p: a permutation of each run of
# JOBS places, another one each pass (JOBS a power of two)
function unit_at(k, p,    w) {
	if (jobs <= 1)
		return k
	w = k % jobs
	if (k - w + jobs > units)
		return k
	return k - w + (w * (p % 2 * 2 + 1) + p) % jobs
}

function pass(p,    k, u, f, i, h, d) {
	for (k = 0; k < units; k++) {
		u = unit_at(k, p)
		f = unit_path(u)
		out(sprintf("  CC      %s.o\n", f))
		for (i = 0; i < 3; i++) {
			out(sprintf("%s.c:%d:%d: warning: unused variable \342\200\230tmp%d_%d\342\200\231 [-Wunused-variable]\n", f, 100 + i * 37 + p, 9, u, i))
			out(sprintf("  %d |         u32 tmp%d_%d;\n", 100 + i * 37 + p, u, i))
			out("      |             ^~~~~~\n")
		}
		if (u % 3 == 0) {
			h = u % 40
			out(sprintf("In file included from %s.c:12:\n", f))
			out(sprintf("include/linux/widget%02d.h:%d:15: warning: comparison of unsigned expression in \342\200\230< 0\342\200\231 is always false [-Wtype-limits]\n", h, 30 + h))
			out(sprintf("   %d |         if (val < 0)\n", 30 + h))
			out("      |                 ^\n")
		}
		out(sprintf("%s.c:%d: warning: Function parameter or member 'arg%d' not described in 'func%04d'\n", f, 200 + p, u % 5, u))
		if (u % 2 == 0) {
			out(sprintf("  CHECK   %s.c\n", f))
			out(sprintf("%s.c:%d:%d: warning: incorrect type in argument 1 (different address spaces)\n", f, 300 + u % 50, 17))
			out(sprintf("%s.c:%d:%d:    expected void const volatile [noderef] __iomem *addr\n", f, 300 + u % 50, 17))
			out(sprintf("%s.c:%d:%d:    got void *base\n", f, 300 + u % 50, 17))
			out(sprintf("%s.c:%d:%d: warning: symbol 'state%04d' was not declared. Should it be static?\n", f, 40, 5, u))
		}
	}
	for (d = 0; d < 20; d++) {
		out(sprintf("  DTC_CHK arch/arm64/boot/dts/vendor/board%02d.dtb\n", d))
		out(sprintf("arch/arm64/boot/dts/vendor/soc.dtsi:%d.4-27: Warning (reg_format): /soc/widget@%d:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)\n", 41 + d, 4000 + d))
		out(sprintf("arch/arm64/boot/dts/vendor/board%02d.dtb: widget@4000: clock-names:0: 'core' was expected\n", d))
		out("\tfrom schema $id: http://devicetree.org/schemas/misc/acme,wdg100.yaml#\n")
	}
	out("make[4]: *** [scripts/Makefile.build:250: drivers/sub007/mod00/file0007.o] Error 1\n")
	out("make[3]: *** [scripts/Makefile.build:500: drivers/sub007] Error 2\n")
}

BEGIN {
	if (!mb)
		mb = 200
	if (!units)
		units = 4000
	limit = mb * 1048576
	for (p = 0; bytes < limit; p++)
		pass(p)
}
