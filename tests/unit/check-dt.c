// SPDX-License-Identifier: GPL-2.0
/*
 * The dt kind: dtc, dt-validate (old and new dt-schema), yamllint and
 * dt-doc-validate in dtbs, dtbs_check and dt_binding_check logs, the
 * notices about the check run, coverage, and hostile input.
 */
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

START_TEST(test_dtc_forms)
{
	struct results res;
	struct record *r;
	char *line;

	tu_parse_fixture_ok(&res, "dt/dtc.log");
	ck_assert_str_eq(res.in[0].kind, "dt");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 10);
	/* FILE:L.C-C2, 1-based columns as dtc gives them */
	r = tu_nth(&res, REC_DIAG, 0);
	tu_assert_diag(r, "dtc", SEV_WARNING, "arch/arm64/boot/dts/acme/wdg100.dtsi",
		       41, 4, "reg_format",
		       "/soc/widget@4000:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)");
	ck_assert_str_eq(r->source, "dt");
	ck_assert_ptr_null(r->context);
	/* FILE:L1.C1-L2.C2 */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dts", 12, 10,
		       "unit_address_vs_reg",
		       "/soc/led@0: node has a unit name, but no reg or ranges property");
	/* "also defined at" lines: context, never counted */
	r = tu_nth(&res, REC_DIAG, 2);
	tu_assert_diag(r, "dtc", SEV_WARNING, "arch/arm64/boot/dts/acme/wdg100.dtsi",
		       697, 25, "unique_unit_address",
		       "/soc/pcie@5500000: duplicate unit-address (also used in node /soc/pcie-ep@5500000)");
	ck_assert_uint_eq(tu_context_lines(r), 2);
	line = tu_context_line(r, 1);
	ck_assert_str_eq(line, "  also defined at arch/arm64/boot/dts/acme/wdg100-evk-rev2.dtsi:20.11-22.3");
	free(line);
	/* FILE:L.C */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100.dtsi", 80, 3,
		       "interrupts_property",
		       "/soc/gizmo@9000:#interrupt-cells: size is (8), expected multiple of 4");
	/* a check of the whole tree: the dtb, no line */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 4), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "spi_bus_reg", "Failed prerequisite 'reg_format'");
	/* error-level checks; dtc's closing line is context */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 5), "dtc", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg200-evk.dts", 30, 23,
		       "duplicate_label",
		       "/soc/uart@1000: Duplicate label 'uart0' on /soc/uart@1000 and /soc/uart@2000");
	r = tu_nth(&res, REC_DIAG, 6);
	tu_assert_diag(r, "dtc", SEV_ERROR, "arch/arm64/boot/dts/acme/wdg200-evk.dts",
		       51, 16, "phandle_references",
		       "/leds/led-0: Reference to non-existent node or label \"gpio9\"");
	ck_assert_str_eq(r->context,
			 "ERROR: Input tree has errors, aborting (use -f to force output)");
	/* a syntax error, and the FATAL ERROR that follows it */
	r = tu_nth(&res, REC_DIAG, 7);
	tu_assert_diag(r, "dtc", SEV_ERROR, "arch/arm64/boot/dts/acme/wdg300-evk.dts",
		       30, 1, NULL, "syntax error");
	ck_assert_str_eq(r->context, "FATAL ERROR: Unable to parse input tree");
	/* a FATAL ERROR of its own */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 8), "dtc", SEV_ERROR, NULL, 0, 0,
		       NULL,
		       "Couldn't open \"acme-pinfunc.dtsi\": No such file or directory");
	/* <stdout> is no file */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 9), "dtc", SEV_WARNING, NULL, 0, 0,
		       "avoid_default_addr_size",
		       "/soc: Relying on default #address-cells value");
	/* make's failure stays make's; DTC lines are coverage */
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "arch/arm64/boot/dts/acme/wdg200-evk.dtb");
	ck_assert_uint_eq(res.in[0].dtbs.nr, 4);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 0);
	results_release(&res);
}
END_TEST

START_TEST(test_dt_validate_new)
{
	struct results res;
	struct record *r;
	char *line;

	tu_parse_fixture_ok(&res, "dt/dtbs_check_new.log");
	ck_assert_str_eq(res.in[0].kind, "dt");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 9);
	/*
	 * An in-tree build prints no "Entering directory": the absolute
	 * paths of the dts and the dtb say where the tree was.
	 */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100.dtsi", 41, 4,
		       "reg_format",
		       "/soc/widget@4000:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)");
	/* the compatible is context; the $id gives the category */
	r = tu_nth(&res, REC_DIAG, 1);
	tu_assert_diag(r, "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "misc/acme,wdg100.yaml",
		       "widget@4000: clock-names:0: 'core' was expected");
	ck_assert_str_eq(r->source, "dt");
	ck_assert_str_eq(r->context, "compatible: acme,wdg100");
	/* a hint is context */
	r = tu_nth(&res, REC_DIAG, 2);
	tu_assert_diag(r, "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "misc/acme,wdg100.yaml",
		       "widget@4000: 'interrupts' is a required property");
	ck_assert_str_eq(r->context, "compatible: acme,wdg100\n"
			 "\thint: The widget cannot work without its interrupt");
	/* the sub-messages of a failed conditional join the message */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "usb/acme,dwc3.yaml",
		       "usb@fe800000: 'oneOf' conditional failed, one must be fixed: 'interrupts' is a required property; 'interrupts-extended' is a required property");
	/* a nested conditional, without its repeated file and node */
	r = tu_nth(&res, REC_DIAG, 4);
	tu_assert_diag(r, "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "leds/leds-gpio.yaml",
		       "leds: led-1: 'oneOf' conditional failed, one must be fixed: led-1:linux,default-trigger: 'oneOf' conditional failed, one must be fixed: 'phy0tx' is not one of ['backlight', 'default-on', 'heartbeat']; 'phy0tx' does not match '^mmc[0-9]+$'; 'function' is a required property");
	ck_assert_uint_eq(tu_context_lines(r), 3);
	line = tu_context_line(r, 1);
	ck_assert_str_eq(line, "\t\tfrom schema $id: http://devicetree.org/schemas/leds/common.yaml#");
	free(line);
	/* the schema dump of "More than one condition" is context */
	r = tu_nth(&res, REC_DIAG, 5);
	tu_assert_diag(r, "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "pinctrl/acme,wdg-pinctrl.yaml",
		       "pinctrl@1000: uart0-pins: More than one condition true in oneOf schema:");
	ck_assert_uint_eq(tu_context_lines(r), 3);
	/* -m, in the form without ":0:0" */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 6), "dt-validate", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "unmatched",
		       "/soc/gizmo@9000: failed to match any schema with compatible: ['acme,gizmo']");
	/* the same line twice for one dtb: two records, one identity */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 7), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg200-evk.dtb", 0, 0,
		       "misc/acme,wdg100.yaml",
		       "widget@4000: clock-names:0: 'core' was expected");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 8), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg200-evk.dtb", 0, 0,
		       "misc/acme,wdg100.yaml",
		       "widget@4000: clock-names:0: 'core' was expected");
	/* problems of the run */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 2);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->tool, "dt-validate");
	ck_assert_str_eq(r->message,
			 "recursion error: Check for prior errors in a referenced schema");
	r = tu_nth(&res, REC_NOTICE, 1);
	ck_assert_str_eq(r->tool, "dt-schema");
	ck_assert_str_eq(r->message,
			 "ignoring duplicate '$id' value 'http://devicetree.org/schemas/misc/acme,wdg100.yaml#'");
	/* "DTC [C]" lines are coverage */
	ck_assert_uint_eq(res.in[0].dtbs.nr, 2);
	ck_assert_str_eq(res.in[0].dtbs.name[1],
			 "arch/arm64/boot/dts/acme/wdg200-evk.dtb");
	results_release(&res);
}
END_TEST

START_TEST(test_dt_validate_old)
{
	struct results res;

	tu_parse_fixture_ok(&res, "dt/dtbs_check_old.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 6);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100.dtsi", 192, 20,
		       "unit_address_vs_reg",
		       "/bus@100000/fss@47000000: node has a unit name, but no reg or ranges property");
	/* DTB:0:0, relative to the build directory */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "dt-validate", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "unmatched",
		       "/bus@100000/pinctrl@4301c000: failed to match any schema with compatible: ['pinctrl-single']");
	/*
	 * "From schema: /abs/path": the same category as the $id gives,
	 * for a binding of the tree and for one of dt-schema's own
	 */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "mfd/syscon.yaml",
		       "scm-conf@40f00000: compatible: ['syscon', 'simple-mfd'] is too short");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "simple-bus.yaml",
		       "fss@47000000: $nodename:0: 'fss@47000000' does not match '^([a-z][a-z0-9\\\\-]+-bus|bus|soc|axi|ahb|apb)(@.+)?$'");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 4), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "mfd/syscon.yaml",
		       "pcie-mode@4060: compatible: 'anyOf' conditional failed, one must be fixed: ['syscon'] is too short; 'syscon' is not one of ['acme,wdg-pcie-mode', 'acme,wdg-syscon']");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 5), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg200-evk.dtb", 0, 0,
		       "mfd/syscon.yaml",
		       "scm-conf@40f00000: compatible: ['syscon', 'simple-mfd'] is too short");
	ck_assert_uint_eq(res.in[0].dtbs.nr, 2);
	ck_assert_uint_eq(tu_count(&res, REC_BUILD), 1);
	results_release(&res);
}
END_TEST

START_TEST(test_dt_validate_dt_yaml)
{
	struct results res;

	/* older 5.x kernels validated x.dt.yaml, after a "CHECK" line */
	tu_parse_fixture_ok(&res, "dt/dtbs_check_v5.log");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "dt-validate", SEV_ERROR,
		       "arch/arm/boot/dts/acme-wdg50.dt.yaml", 0, 0,
		       "serial/acme,uart.yaml",
		       "serial@1000: clocks: [[2, 4]] is too short");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "dt-validate", SEV_WARNING,
		       "arch/arm/boot/dts/acme-wdg50.dt.yaml", 0, 0,
		       "unmatched",
		       "/soc/gizmo@9000: failed to match any schema with compatible(s): acme,gizmo, acme,gizmo-base");
	/* that CHECK line is no file sparse read */
	ck_assert_uint_eq(res.in[0].dtbs.nr, 1);
	ck_assert_uint_eq(res.in[0].checked.nr, 0);
	results_release(&res);
}
END_TEST

START_TEST(test_dt_binding_check)
{
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "dt/dt_binding_check.log");
	ck_assert_str_eq(res.in[0].kind, "dt");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 8);
	/* yamllint -f parsable: the rule is the category */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "yamllint", SEV_WARNING,
		       "Documentation/devicetree/bindings/misc/acme,wdg100.yaml",
		       12, 81, "line-length",
		       "line too long (95 > 80 characters)");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "yamllint", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,gizmo.yaml",
		       40, 9, "syntax",
		       "syntax error: mapping values are not allowed here");
	/* dt-doc-validate against a meta-schema */
	r = tu_nth(&res, REC_DIAG, 2);
	tu_assert_diag(r, "dt-doc-validate", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,wdg100.yaml",
		       20, 5, "meta-schemas/clocks.yaml",
		       "properties:clocks: 'maxItems' is a required property");
	ck_assert_str_eq(r->context, "\thint: Only \"maxItems\" is required for a single entry if there are no constraints defined for the values.");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "dt-doc-validate", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,gizmo.yaml",
		       40, 9, NULL, "mapping values are not allowed here");
	r = tu_nth(&res, REC_DIAG, 4);
	tu_assert_diag(r, "dt-doc-validate", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,wdg200.yaml",
		       0, 0, NULL,
		       "$id: relative path/filename doesn't match actual path or filename");
	ck_assert_str_eq(r->context, "\texpected: http://devicetree.org/schemas/misc/acme,wdg200.yaml#");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 5), "dt-doc-validate", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,broken.yaml",
		       0, 0, NULL, "error checking schema file");
	/* the example: dtc's position in the generated .example.dts */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 6), "dtc", SEV_WARNING,
		       "Documentation/devicetree/bindings/misc/acme,wdg100.example.dts",
		       21, 13, "reg_format",
		       "/example-0/widget@4000:reg: property has invalid length (8 bytes) (#address-cells == 1, #size-cells == 1)");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 7), "dt-validate", SEV_ERROR,
		       "Documentation/devicetree/bindings/misc/acme,wdg100.example.dtb",
		       0, 0, "misc/acme,wdg100.yaml",
		       "widget@4000: 'clocks' is a required property");
	/* the schemas that could not be loaded */
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 2);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->tool, "dt-schema");
	ck_assert_str_eq(r->message,
			 "Documentation/devicetree/bindings/misc/acme,broken.yaml: ignoring, error in schema: properties: compatible");
	r = tu_nth(&res, REC_NOTICE, 1);
	ck_assert_str_eq(r->message,
			 "no schema found in path: Documentation/devicetree/bindings/misc/nothing");
	/* coverage: the bindings whose examples were extracted */
	ck_assert_uint_eq(res.in[0].bindings.nr, 2);
	ck_assert_str_eq(res.in[0].bindings.name[0],
			 "Documentation/devicetree/bindings/misc/acme,wdg100.yaml");
	ck_assert_uint_eq(res.in[0].dtbs.nr, 2);
	results_release(&res);
}
END_TEST

START_TEST(test_missing_tools_are_notices)
{
	const char *old =
		"ERROR: dtschema minimum version is v2022.3\n"
		"make[2]: *** [Documentation/devicetree/bindings/Makefile:16: check_dtschema_version] Error 1\n";
	struct results res;
	struct record *r;

	tu_parse_fixture_ok(&res, "dt/dt_missing_tools.log");
	ck_assert_str_eq(res.in[0].kind, "dt");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 0);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 2);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->source, "dt");
	ck_assert_str_eq(r->tool, "yamllint");
	ck_assert_str_eq(r->message,
			 "python package 'yamllint' not installed, skipping");
	r = tu_nth(&res, REC_NOTICE, 1);
	ck_assert_str_eq(r->tool, "dt-schema");
	ck_assert_str_eq(r->message, "'dt-doc-validate' not found!");
	r = tu_nth(&res, REC_BUILD, 0);
	ck_assert(r->failed);
	ck_assert_str_eq(r->target, "check_dtschema_version");
	results_release(&res);

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, old), 0);
	ck_assert_uint_eq(tu_count(&res, REC_NOTICE), 1);
	r = tu_nth(&res, REC_NOTICE, 0);
	ck_assert_str_eq(r->tool, "dt-schema");
	ck_assert_str_eq(r->message, "dtschema minimum version is v2022.3");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 0);
	results_release(&res);
}
END_TEST

START_TEST(test_mixed_log)
{
	/* make C=1 W=1 dtbs_check: every line to the tool that printed it */
	const char *log =
		"  CC      drivers/widget/wdg-core.o\n"
		"drivers/widget/wdg-core.c:40:6: warning: no previous prototype for \xe2\x80\x98wdg_reset\xe2\x80\x99 [-Wmissing-prototypes]\n"
		"   40 | void wdg_reset(void)\n"
		"      |      ^~~~~~~~~\n"
		"  CHECK   drivers/widget/wdg-core.c\n"
		"drivers/widget/wdg-core.c:88:31: warning: incorrect type in argument 1 (different address spaces)\n"
		"drivers/widget/wdg-core.c:88:31:    expected void const volatile [noderef] __iomem *addr\n"
		"drivers/widget/wdg-core.c:88:31:    got void *base\n"
		"  DTC_CHK arch/arm64/boot/dts/acme/wdg100-evk.dtb\n"
		"arch/arm64/boot/dts/acme/wdg100.dtsi:41.4-27: Warning (reg_format): /soc/widget@4000:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)\n"
		"arch/arm64/boot/dts/acme/wdg100-evk.dtb: widget@4000: clock-names:0: 'core' was expected\n"
		"\tFrom schema: /srv/linux/Documentation/devicetree/bindings/misc/acme,wdg100.yaml\n"
		"drivers/widget/wdg-core.c:120:5: warning: symbol 'wdg_state' was not declared. Should it be static?\n"
		"  CC      drivers/widget/wdg-irq.o\n";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_str_eq(res.in[0].kind, "build");
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 5);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 0)->tool, "gcc");
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 1)->tool, "sparse");
	ck_assert_uint_eq(tu_context_lines(tu_nth(&res, REC_DIAG, 1)), 2);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "dtc", SEV_WARNING,
		       "arch/arm64/boot/dts/acme/wdg100.dtsi", 41, 4,
		       "reg_format",
		       "/soc/widget@4000:reg: property has invalid length (4 bytes) (#address-cells == 2, #size-cells == 1)");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 3), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "misc/acme,wdg100.yaml",
		       "widget@4000: clock-names:0: 'core' was expected");
	ck_assert_ptr_null(tu_nth(&res, REC_DIAG, 3)->context);
	ck_assert_str_eq(tu_nth(&res, REC_DIAG, 4)->tool, "sparse");
	ck_assert_uint_eq(res.in[0].units.nr, 2);
	ck_assert_uint_eq(res.in[0].checked.nr, 1);
	ck_assert_uint_eq(res.in[0].dtbs.nr, 1);
	results_release(&res);
}
END_TEST

START_TEST(test_unique_counts_identities)
{
	struct results res;
	struct summary s;
	size_t i, n = 0;

	/*
	 * dt-validate printed one line twice for wdg200-evk.dtb: one
	 * identity with two occurrences. The same problem in another dtb
	 * is another identity: the dtb is the file.
	 */
	tu_parse_fixture_ok(&res, "dt/dtbs_check_new.log");
	tu_summarise(&s, &res);
	for (i = 0; i < s.nr_diag; i++) {
		const struct diag_group *g = &s.diag[i];

		if (strcmp(g->message,
			   "widget@4000: clock-names:0: 'core' was expected"))
			continue;
		n++;
		if (!strcmp(g->file, "arch/arm64/boot/dts/acme/wdg200-evk.dtb"))
			ck_assert_uint_eq(g->count, 2);
		else
			ck_assert_uint_eq(g->count, 1);
	}
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(summary_unique(&s, "dt"), 8);
	summary_release(&s);
	results_release(&res);
}
END_TEST

START_TEST(test_hostile_truncated)
{
	/* a message cut before its schema, a conditional cut in its list */
	const char *log =
		"x.dtb: a@1: 'oneOf' conditional failed, one must be fixed:\n"
		"\t'b' is a required property\n"
		"x.dtb: c@2 (acme,c: d: cut in the compatible\n"
		"arch/x.dtsi:1.2-: Warning (reg_format): /a: half a position\n"
		"\tFrom schema:";
	struct results res;

	results_init(&res);
	ck_assert_int_eq(tu_parse_str(&res, log), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 2);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 0), "dt-validate", SEV_ERROR,
		       "x.dtb", 0, 0, NULL,
		       "a@1: 'oneOf' conditional failed, one must be fixed: 'b' is a required property");
	/* a position that does not parse: the whole as the file */
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "dtc", SEV_WARNING,
		       "arch/x.dtsi:1.2-", 0, 0, "reg_format",
		       "/a: half a position");
	results_release(&res);
}
END_TEST

START_TEST(test_hostile_bytes)
{
	static const char nul[] = "y.dts:1.1-2: Warning (nul): /n\0de: msg\r\n";
	struct strbuf sb = STRBUF_INIT;
	struct results res;
	struct record *r;
	size_t i;

	/* a message with a million continuation lines stops growing */
	strbuf_addstr(&sb, "x.dtb: a@1: 'oneOf' conditional failed, one must be fixed:\n");
	for (i = 0; i < 4096; i++)
		strbuf_addstr(&sb, "\t'b' is a required property\n");
	/* a 1 MB TAB line, read whole */
	strbuf_addch(&sb, '\t');
	for (i = 0; i < 1024 * 1024; i++)
		strbuf_addch(&sb, 'q');
	strbuf_addstr(&sb, "\n\tfrom schema $id: http://devicetree.org/schemas/a.yaml#\n");
	/* NUL bytes, ANSI colours, CRLF */
	strbuf_add(&sb, nul, sizeof(nul) - 1);
	strbuf_addstr(&sb, "\x1b[33mz.dts:2.1-2: Warning (ansi): /n: msg\x1b[0m\r\n");

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, sb.buf, sb.len, NULL, NULL, 0,
				      NULL), 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 3);
	r = tu_nth(&res, REC_DIAG, 0);
	ck_assert_str_eq(r->tool, "dt-validate");
	ck_assert_str_eq(r->category, "a.yaml");
	ck_assert_uint_le(strlen(r->message), 16 * 1024 + 64 * 1024 + 64);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 1), "dtc", SEV_WARNING, "y.dts",
		       1, 1, "nul", "/n?de: msg");
	tu_assert_diag(tu_nth(&res, REC_DIAG, 2), "dtc", SEV_WARNING, "z.dts",
		       2, 1, "ansi", "/n: msg");
	results_release(&res);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_crlf_gives_the_same_records)
{
	struct results res;
	size_t len;
	char *text = tu_fixture_crlf("dt/dtbs_check_old.log", &len);

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, len, NULL, NULL, 0, NULL),
			 0);
	ck_assert_uint_eq(tu_count(&res, REC_DIAG), 6);
	tu_assert_diag(tu_nth(&res, REC_DIAG, 4), "dt-validate", SEV_ERROR,
		       "arch/arm64/boot/dts/acme/wdg100-evk.dtb", 0, 0,
		       "mfd/syscon.yaml",
		       "pcie-mode@4060: compatible: 'anyOf' conditional failed, one must be fixed: ['syscon'] is too short; 'syscon' is not one of ['acme,wdg-pcie-mode', 'acme,wdg-syscon']");
	results_release(&res);
	free(text);
}
END_TEST

Suite *dt_suite(void)
{
	Suite *s = suite_create("dt");
	TCase *tc = tcase_create("tools");
	TCase *th = tcase_create("hostile");

	tcase_add_test(tc, test_dtc_forms);
	tcase_add_test(tc, test_dt_validate_new);
	tcase_add_test(tc, test_dt_validate_old);
	tcase_add_test(tc, test_dt_validate_dt_yaml);
	tcase_add_test(tc, test_dt_binding_check);
	tcase_add_test(tc, test_missing_tools_are_notices);
	tcase_add_test(tc, test_mixed_log);
	tcase_add_test(tc, test_unique_counts_identities);
	suite_add_tcase(s, tc);
	tcase_add_test(th, test_hostile_truncated);
	tcase_add_test(th, test_hostile_bytes);
	tcase_add_test(th, test_crlf_gives_the_same_records);
	suite_add_tcase(s, th);
	return s;
}
