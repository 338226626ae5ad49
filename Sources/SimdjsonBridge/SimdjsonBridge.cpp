// The C API of SimdjsonBridge.h over simdjson's DOM parser.
#include "SimdjsonBridge.h"

#include <simdjson.h>

#include <string>
#include <vector>

namespace {
using simdjson::dom::element;
using simdjson::dom::element_type;

struct Tool {
  size_t offset, length;
};
}  // namespace

struct sw_parser {
  simdjson::dom::parser parser;
  std::vector<std::string> pointers;
  // Per field: the key of a one-level pointer ("/id" -> "id") found in one
  // pass over the top-level object; empty for other pointers (at_pointer).
  std::vector<std::string> top_keys;
  std::vector<bool> is_top;
  std::vector<char> line;  // the line, padded for simdjson
  std::string text;
  std::vector<sw_message> messages;
  std::vector<Tool> tools;
  bool has_system = false;
  size_t system_offset = 0, system_length = 0;
  int64_t thinking = -1;
};

namespace {

int32_t kind_of(element value) {
  switch (value.type()) {
    case element_type::STRING: return SW_STRING;
    case element_type::INT64:
    case element_type::UINT64: return SW_INT;
    case element_type::DOUBLE: return SW_DOUBLE;
    case element_type::BOOL: return SW_BOOL;
    case element_type::NULL_VALUE: return SW_NULL;
    case element_type::ARRAY: return SW_ARRAY;
    case element_type::OBJECT: return SW_OBJECT;
  }
  return SW_ABSENT;
}

void fill(element value, sw_value *out) {
  out->kind = kind_of(value);
  switch (out->kind) {
    case SW_STRING: {
      std::string_view s = value.get_string().value_unsafe();
      out->string = s.data();
      out->length = s.size();
      break;
    }
    case SW_INT:
      if (value.type() == element_type::INT64) {
        out->integer = value.get_int64().value_unsafe();
        out->number = double(out->integer);
      } else {
        uint64_t u = value.get_uint64().value_unsafe();
        out->number = double(u);
        if (u > uint64_t(INT64_MAX)) {
          out->kind = SW_DOUBLE;
        } else {
          out->integer = int64_t(u);
        }
      }
      break;
    case SW_DOUBLE: out->number = value.get_double().value_unsafe(); break;
    case SW_BOOL: out->integer = value.get_bool().value_unsafe() ? 1 : 0; break;
    default: break;
  }
}

// Appends `s` to the text buffer, joining parts with '\n'.
void append_part(std::string &text, bool &first, std::string_view s) {
  if (!first) text.push_back('\n');
  text.append(s.data(), s.size());
  first = false;
}

// The ContentText rules: a string, or blocks of text / tool_use / tool_result.
void blocks(element content, std::string &text, bool &first, int32_t &uses, int32_t &results) {
  if (content.is_string()) {
    append_part(text, first, content.get_string().value_unsafe());
    return;
  }
  if (!content.is_array()) return;
  for (element item : content.get_array().value_unsafe()) {
    if (item.is_string()) {
      append_part(text, first, item.get_string().value_unsafe());
      continue;
    }
    if (!item.is_object()) continue;
    element type;
    if (item["type"].get(type) || !type.is_string()) continue;
    std::string_view t = type.get_string().value_unsafe();
    if (t == "text") {
      element body;
      if (!item["text"].get(body) && body.is_string())
        append_part(text, first, body.get_string().value_unsafe());
    } else if (t == "tool_use") {
      uses += 1;
    } else if (t == "tool_result") {
      results += 1;
      element inner;
      if (!item["content"].get(inner)) {
        // The nested text is one part of this text, written in place (no
        // buffer of its own): its separator first, both taken back if the
        // nested content has no text.
        size_t mark = text.size();
        if (!first) text.push_back('\n');
        size_t start = text.size();
        bool nestedFirst = true;
        int32_t u = 0, r = 0;
        blocks(inner, text, nestedFirst, u, r);
        if (text.size() == start) {
          text.resize(mark);
        } else {
          first = false;
        }
      }
    }
  }
}

}  // namespace

extern "C" {

sw_parser *sw_parser_create(const char *const *pointers) {
  auto *p = new sw_parser();
  for (int i = 0; i < SW_FIELD_COUNT; i++) {
    std::string pointer(pointers[i]);
    bool top = pointer.size() > 1 && pointer[0] == '/' &&
               pointer.find_first_of("/~", 1) == std::string::npos;
    p->pointers.push_back(pointer);
    p->is_top.push_back(top);
    p->top_keys.push_back(top ? pointer.substr(1) : std::string());
  }
  return p;
}

void sw_parser_destroy(sw_parser *parser) { delete parser; }

int32_t sw_parse(sw_parser *p, const char *line, size_t length, sw_value *values) {
  p->text.clear();
  p->messages.clear();
  p->tools.clear();
  p->has_system = false;
  p->thinking = -1;
  for (int i = 0; i < SW_FIELD_COUNT; i++) values[i] = sw_value{SW_ABSENT, nullptr, 0, 0, 0};
  if (p->line.size() < length + simdjson::SIMDJSON_PADDING)
    p->line.resize(length + simdjson::SIMDJSON_PADDING);
  memcpy(p->line.data(), line, length);
  element doc;
  if (p->parser.parse(reinterpret_cast<const uint8_t *>(p->line.data()), length, false).get(doc))
    return SW_INVALID_JSON;
  if (!doc.is_object()) return SW_NOT_OBJECT;

  element found[SW_FIELD_COUNT];
  bool present[SW_FIELD_COUNT] = {};
  // One-level pointers: one pass over the object's keys, the first of equal
  // keys winning (as at_pointer's lookup does). Others: at_pointer.
  int missing = 0;
  for (int i = 0; i < SW_FIELD_COUNT; i++) {
    if (p->is_top[i]) {
      missing += 1;
    } else {
      present[i] = !doc.at_pointer(p->pointers[i]).get(found[i]);
    }
  }
  for (auto field : doc.get_object().value_unsafe()) {
    if (missing == 0) break;
    for (int i = 0; i < SW_FIELD_COUNT; i++) {
      if (!p->is_top[i] || present[i] || field.key != p->top_keys[i]) continue;
      present[i] = true;
      found[i] = field.value;
      missing -= 1;
    }
  }
  for (int i = 0; i < SW_FIELD_COUNT; i++) {
    if (present[i]) fill(found[i], &values[i]);
  }
  if (present[SW_SYSTEM]) {
    bool first = true;
    int32_t u = 0, r = 0;
    size_t start = p->text.size();
    blocks(found[SW_SYSTEM], p->text, first, u, r);
    // An empty string is a system prompt; blocks without text are none.
    if (p->text.size() > start || found[SW_SYSTEM].is_string()) {
      p->has_system = true;
      p->system_offset = start;
      p->system_length = p->text.size() - start;
    }
  }
  if (present[SW_MESSAGES] && found[SW_MESSAGES].is_array()) {
    for (element item : found[SW_MESSAGES].get_array().value_unsafe()) {
      if (!item.is_object()) continue;
      sw_message m{};
      element role;
      m.role_offset = p->text.size();
      if (!item["role"].get(role) && role.is_string()) {
        std::string_view r = role.get_string().value_unsafe();
        p->text.append(r.data(), r.size());
      } else {
        p->text.append("user");
      }
      m.role_length = p->text.size() - m.role_offset;
      m.text_offset = p->text.size();
      element content;
      if (!item["content"].get(content)) {
        bool first = true;
        blocks(content, p->text, first, m.tool_uses, m.tool_results);
      }
      m.text_length = p->text.size() - m.text_offset;
      p->messages.push_back(m);
    }
  }
  if (present[SW_TOOLS] && found[SW_TOOLS].is_array()) {
    for (element item : found[SW_TOOLS].get_array().value_unsafe()) {
      element name = item;
      if (item.is_object() && item["name"].get(name)) continue;
      if (!name.is_string()) continue;
      std::string_view s = name.get_string().value_unsafe();
      p->tools.push_back(Tool{p->text.size(), s.size()});
      p->text.append(s.data(), s.size());
    }
  }
  if (present[SW_THINKING]) {
    element t = found[SW_THINKING];
    if (t.is_bool()) {
      p->thinking = t.get_bool().value_unsafe() ? 0 : -1;
    } else if (t.is_number()) {
      p->thinking = t.get_double().value_unsafe() != 0 ? 0 : -1;
    } else if (t.is_object()) {
      element type;
      bool enabled = true;
      if (!t["type"].get(type) && type.is_string())
        enabled = type.get_string().value_unsafe() == "enabled";
      if (enabled) {
        element budget;
        p->thinking = 0;
        if (!t["budget_tokens"].get(budget) && budget.is_number())
          p->thinking = int64_t(budget.get_double().value_unsafe());
      }
    }
  }
  return SW_OK;
}

const char *sw_text(const sw_parser *p) { return p->text.data(); }

int32_t sw_system(const sw_parser *p, size_t *offset, size_t *length) {
  *offset = p->system_offset;
  *length = p->system_length;
  return p->has_system ? 1 : 0;
}

size_t sw_message_count(const sw_parser *p) { return p->messages.size(); }
const sw_message *sw_messages(const sw_parser *p) { return p->messages.data(); }
size_t sw_tool_count(const sw_parser *p) { return p->tools.size(); }

void sw_tool(const sw_parser *p, size_t index, size_t *offset, size_t *length) {
  *offset = p->tools[index].offset;
  *length = p->tools[index].length;
}

int64_t sw_thinking_budget(const sw_parser *p) { return p->thinking; }

}  // extern "C"
