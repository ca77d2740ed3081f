// Base records 实有人口 (GB/T 31000): a person as a grid worker records them, and the rules a record must meet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/status.hpp"

namespace gridgov::domain {

enum class PopulationType { kResident, kFloating, kOverseas };  // 户籍 / 流动 / 境外
enum class Sex { kMale, kFemale };

std::string_view PopulationTypeName(PopulationType t);    // "resident", "floating", "overseas"
std::string_view PopulationTypeNameZh(PopulationType t);  // 户籍人口, 流动人口, 境外人员
// Accepts the identifiers, the Chinese names and the short forms users write (户籍, 流动, 境外).
std::optional<PopulationType> ParsePopulationType(std::string_view text);
std::optional<Sex> ParseSex(std::string_view text);  // 男/女, male/female, M/F

// A person record as submitted (from an import row or a form). Strings as written; Validate normalises.
struct PersonInput {
    std::string id_number;               // 公民身份号码 (18 or legacy 15 digits)
    std::string name;                    // 姓名
    std::string sex;                     // 性别 (optional: derived from the ID number, checked when given)
    std::string birth_date;              // 出生日期 (optional: derived, checked when given)
    std::string ethnicity;               // 民族 (e.g. 汉族 / 汉)
    std::string phone;                   // 联系电话
    std::string population_type;         // 人口类型 (default 户籍)
    std::string household_registration;  // 户籍地 division code (default: the ID's address code)
    std::string address;                 // 现住址
    std::string grid_code;               // 所属网格
};

// The normalised record.
struct Person {
    std::string id_number;  // 18 characters, upper-case X
    std::string name;
    Sex sex = Sex::kMale;
    Date birth_date;
    std::string ethnicity;  // the full name, e.g. 汉族
    std::string phone;
    PopulationType population_type = PopulationType::kResident;
    std::string household_registration;
    std::string address;
    std::string grid_code;
};

// One problem with one field of a record (Chinese message for the user).
struct FieldError {
    std::string field;
    std::string message;
};

// Validates and normalises a record: the ID number (GB 11643, 15 → 18), sex and birth date derived from it and
// checked against the values given, the name (1–30 characters, Chinese or Latin letters and the middle dot),
// the ethnicity against the 56 nationalities (written with or without 族), a mobile or fixed-line phone, the
// population type. Returns the person, or every error found (not just the first).
struct PersonCheck {
    std::optional<Person> person;
    std::vector<FieldError> errors;
};
PersonCheck ValidatePerson(const PersonInput& input);

// The 56 nationalities of China, full names ("汉族", "蒙古族", …).
const std::vector<std::string>& Ethnicities();

}  // namespace gridgov::domain
