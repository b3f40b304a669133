/*
 * test.h - what every cmocka unit test includes first.
 * cmocka 1.1.5 needs these four headers before <cmocka.h>.
 */
#ifndef HELMC_TEST_H
#define HELMC_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
