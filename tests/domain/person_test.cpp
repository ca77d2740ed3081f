// Person records: every rule of ValidatePerson on rows as users write them.
#include "domain/person.hpp"

#include <gtest/gtest.h>

namespace gridgov::domain {
namespace {

PersonInput Row() {
    PersonInput in;
    in.id_number = "11010519491231002X";
    in.name = "张秀英";
    in.phone = "13912345678";
    return in;
}

std::vector<std::string> Fields(const PersonCheck& c) {
    std::vector<std::string> f;
    for (const auto& e : c.errors) f.push_back(e.field);
    return f;
}

TEST(Person, DerivesSexBirthAndRegistrationFromTheIdNumber) {
    PersonCheck c = ValidatePerson(Row());
    ASSERT_TRUE(c.person) << c.errors.size();
    EXPECT_EQ(c.person->sex, Sex::kFemale);  // sequence 002: even → female
    EXPECT_EQ(FormatDate(c.person->birth_date), "1949-12-31");
    EXPECT_EQ(c.person->household_registration, "110105");
    EXPECT_EQ(c.person->population_type, PopulationType::kResident);
}

TEST(Person, NormalisesWhatUsersWrite) {
    PersonInput in = Row();
    in.id_number = " 11010519491231002x ";
    in.name = "\xE3\x80\x80张秀英";  // a full-width space before
    in.ethnicity = "汉";
    in.sex = "女";
    in.birth_date = "1949-12-31";
    in.population_type = "流动";
    in.phone = "0534-6222333";
    PersonCheck c = ValidatePerson(in);
    ASSERT_TRUE(c.person);
    EXPECT_EQ(c.person->id_number, "11010519491231002X");
    EXPECT_EQ(c.person->name, "张秀英");
    EXPECT_EQ(c.person->ethnicity, "汉族");
    EXPECT_EQ(c.person->population_type, PopulationType::kFloating);
    in.name = "阿依古丽·买买提";
    EXPECT_TRUE(ValidatePerson(in).person);
}

TEST(Person, ReportsEveryErrorWithItsField) {
    PersonInput in;
    in.id_number = "110105194912310021";  // wrong check character
    in.name = "";
    in.phone = "12345";
    in.ethnicity = "火星族";
    in.population_type = "游客";
    in.grid_code = "123";
    PersonCheck c = ValidatePerson(in);
    EXPECT_FALSE(c.person);
    EXPECT_EQ(Fields(c),
              (std::vector<std::string>{"id_number", "name", "ethnicity", "phone", "population_type", "grid_code"}));
    EXPECT_NE(c.errors[0].message.find("校验"), std::string::npos) << c.errors[0].message;
}

TEST(Person, GivenSexAndBirthDateMustMatchTheIdNumber) {
    PersonInput in = Row();
    in.sex = "男";
    in.birth_date = "1950-01-01";
    PersonCheck c = ValidatePerson(in);
    EXPECT_EQ(Fields(c), (std::vector<std::string>{"sex", "birth_date"}));
    EXPECT_NE(c.errors[0].message.find("号码显示为女"), std::string::npos);
    in.sex = "未知";
    in.birth_date = "1949/12/31";
    EXPECT_EQ(Fields(ValidatePerson(in)), (std::vector<std::string>{"sex", "birth_date"}));
}

TEST(Person, LegacyFifteenDigitNumbersAreConverted) {
    PersonInput in = Row();
    in.id_number = "110105491231002";
    PersonCheck c = ValidatePerson(in);
    ASSERT_TRUE(c.person);
    EXPECT_EQ(c.person->id_number, "11010519491231002X");
    EXPECT_EQ(Ethnicities().size(), 56u);
}

}  // namespace
}  // namespace gridgov::domain
