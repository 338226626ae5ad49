// A small C API over simdjson's DOM parser for stillwatch's input lines.
// Swift cannot use simdjson through C++ interop on this toolchain, so this
// target exposes plain C structs: string views into the parser's memory (valid
// until the next parse) and offsets into a text buffer the caller owns.
#ifndef STILLWATCH_SIMDJSON_BRIDGE_H
#define STILLWATCH_SIMDJSON_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { SW_FIELD_COUNT = 18 };

// Field indices, in FieldMap.Field order.
enum {
  SW_ID = 0, SW_TS, SW_ACCOUNT, SW_ORG, SW_IP, SW_ASN, SW_CLOUD, SW_UA, SW_HEADERS_FP,
  SW_PAYMENT_FP, SW_MODEL, SW_SYSTEM, SW_MESSAGES, SW_PROMPT, SW_TOOLS, SW_THINKING,
  SW_INPUT_TOKENS, SW_OUTPUT_TOKENS
};

// Value kinds.
enum { SW_ABSENT = 0, SW_STRING, SW_INT, SW_DOUBLE, SW_BOOL, SW_NULL, SW_ARRAY, SW_OBJECT };

// Parse outcomes.
enum { SW_OK = 0, SW_INVALID_JSON = 1, SW_NOT_OBJECT = 2 };

typedef struct {
  int32_t kind;
  const char *string;  // SW_STRING
  size_t length;
  int64_t integer;     // SW_INT, SW_BOOL (0/1)
  double number;       // SW_DOUBLE
} sw_value;

typedef struct {
  size_t role_offset, role_length;  // into the text buffer
  size_t text_offset, text_length;
  int32_t tool_uses, tool_results;
} sw_message;

typedef struct sw_parser sw_parser;

// pointers: SW_FIELD_COUNT JSON Pointers ("/id", "/meta/ip", ...), NUL-terminated.
sw_parser *sw_parser_create(const char *const *pointers);
void sw_parser_destroy(sw_parser *parser);

// Parses one line. Scalars land in `values`; the system prompt text, message
// roles and texts and tool names are appended to the parser's text buffer.
int32_t sw_parse(sw_parser *parser, const char *line, size_t length, sw_value *values);

// After sw_parse: the text buffer, the system text, the messages, the tools.
const char *sw_text(const sw_parser *parser);
int32_t sw_system(const sw_parser *parser, size_t *offset, size_t *length);
size_t sw_message_count(const sw_parser *parser);
const sw_message *sw_messages(const sw_parser *parser);
size_t sw_tool_count(const sw_parser *parser);
// Tool i as (offset, length) into the text buffer.
void sw_tool(const sw_parser *parser, size_t index, size_t *offset, size_t *length);
// Thinking: -1 not requested, else the budget (0 if none given).
int64_t sw_thinking_budget(const sw_parser *parser);

#ifdef __cplusplus
}
#endif
#endif
