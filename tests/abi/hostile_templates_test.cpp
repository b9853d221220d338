// Attribute templates a careful caller would never build: values of the wrong size for their
// type, lengths of 0 and 2^32-1, counts of 2^32-1, and duplicated attributes, through every
// function that takes a template. A refused template must create nothing and leave the session
// working.
#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

class HostileTemplatesTest : public HostileTest {
  protected:
    // How many objects the session can see; a refused template must not change it.
    std::size_t object_count() {
        Attrs all;
        return find_all(s_, all).size();
    }
};

// An attribute given with a value of `size` bytes (zero-filled, or the start of a real value).
struct WrongSize {
    const char* what;
    CK_ATTRIBUTE_TYPE type;
    CK_ULONG size;
};

// CK_ULONG attributes must be sizeof(CK_ULONG) bytes and CK_BBOOL ones exactly one byte.
const WrongSize kWrongSizes[] = {
    {"CKA_CLASS of 1 byte", CKA_CLASS, 1},
    {"CKA_CLASS of 4 bytes", CKA_CLASS, 4},
    {"CKA_CLASS of 16 bytes", CKA_CLASS, 16},
    {"CKA_CLASS of 0 bytes", CKA_CLASS, 0},
    {"CKA_KEY_TYPE of 1 byte", CKA_KEY_TYPE, 1},
    {"CKA_TOKEN of 0 bytes", CKA_TOKEN, 0},
    {"CKA_TOKEN of 2 bytes", CKA_TOKEN, 2},
    {"CKA_PRIVATE of 8 bytes", CKA_PRIVATE, 8},
    {"CKA_ENCRYPT of 4 bytes", CKA_ENCRYPT, 4},
    {"CKA_SENSITIVE of 2 bytes", CKA_SENSITIVE, 2},
};

// A secret key template with `bad` replacing (or added to) its attributes.
Attrs secret_key_with(const WrongSize& bad, const CK_BYTE* value) {
    Attrs a;
    if (bad.type != CKA_CLASS) a.ulong(CKA_CLASS, CKO_SECRET_KEY);
    if (bad.type != CKA_KEY_TYPE) a.ulong(CKA_KEY_TYPE, CKK_AES);
    a.bytes(CKA_VALUE, Bytes(16, 7));
    a.raw(bad.type, bad.size == 0 ? nullptr : const_cast<CK_BYTE*>(value), bad.size);
    return a;
}

TEST_F(HostileTemplatesTest, WrongValueSizesInCreateObject) {
    const std::size_t before = object_count();
    CK_BYTE value[32] = {};
    // The first byte of a valid value, so a module reading only one byte would accept it.
    value[0] = static_cast<CK_BYTE>(CKO_SECRET_KEY);
    for (const auto& bad : kWrongSizes) {
        SCOPED_TRACE(bad.what);
        Attrs a = secret_key_with(bad, value);
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(s_, a));
    }
    EXPECT_EQ(object_count(), before);
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, WrongValueSizesInGenerateKey) {
    const std::size_t before = object_count();
    CK_BYTE value[32] = {};
    value[0] = 16;  // as if CKA_VALUE_LEN = 16 had been cut to one byte
    CK_MECHANISM gen{CKM_AES_KEY_GEN, nullptr, 0};
    for (const auto& [what, type, size] :
         {WrongSize{"CKA_VALUE_LEN of 1 byte", CKA_VALUE_LEN, 1},
          WrongSize{"CKA_VALUE_LEN of 0 bytes", CKA_VALUE_LEN, 0},
          WrongSize{"CKA_TOKEN of 4 bytes", CKA_TOKEN, 4},
          WrongSize{"CKA_CLASS of 1 byte", CKA_CLASS, 1}}) {
        SCOPED_TRACE(what);
        Attrs a;
        if (type != CKA_VALUE_LEN) a.ulong(CKA_VALUE_LEN, 16);
        a.raw(type, size == 0 ? nullptr : value, size);
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID,
                   p11()->C_GenerateKey(s_, &gen, a.data(), a.count(), &h));
    }
    EXPECT_EQ(object_count(), before);
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, WrongValueSizesInSetAttributeValue) {
    CK_BYTE value[8] = {CK_TRUE};
    for (const auto& [type, size] : {std::pair<CK_ATTRIBUTE_TYPE, CK_ULONG>{CKA_ENCRYPT, 4},
                                     {CKA_DECRYPT, 0},
                                     {CKA_ENCRYPT, 2}}) {
        SCOPED_TRACE("attribute " + std::to_string(type) + ", " + std::to_string(size) + " bytes");
        CK_ATTRIBUTE a{type, size == 0 ? nullptr : value, size};
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, p11()->C_SetAttributeValue(s_, aes_, &a, 1));
    }
    // The key kept its usage flags and still encrypts.
    EXPECT_TRUE(get_bool(s_, aes_, CKA_ENCRYPT));
    CK_MECHANISM ecb{CKM_AES_ECB, nullptr, 0};
    EXPECT_OK(p11()->C_EncryptInit(s_, &ecb, aes_));
    EXPECT_OK(p11()->C_EncryptInit(s_, nullptr, aes_));
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, HugeValueLengthsAreRefusedUnread) {
    // The value pointer is real but tiny; a module that believed the length would read 4 GiB.
    const std::size_t before = object_count();
    CK_BYTE small[8] = {'l', 'a', 'b', 'e', 'l'};
    for (const CK_ULONG huge : {CK_ULONG{0xFFFFFFFFul}, ~CK_ULONG{0}, CK_ULONG{1} << 40}) {
        SCOPED_TRACE("length " + std::to_string(huge));
        Attrs a;
        a.ulong(CKA_CLASS, CKO_DATA).raw(CKA_LABEL, small, huge);
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, try_create(s_, a));
        CK_ATTRIBUTE set{CKA_LABEL, small, huge};
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, p11()->C_SetAttributeValue(s_, obj_, &set, 1));
        CK_ATTRIBUTE find{CKA_LABEL, small, huge};
        EXPECT_CKR(CKR_ATTRIBUTE_VALUE_INVALID, p11()->C_FindObjectsInit(s_, &find, 1));
    }
    EXPECT_EQ(object_count(), before);
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, HugeCountsAreRefusedUnread) {
    // One real attribute and a count of 2^32-1: the module must not walk past the first.
    CK_ULONG cls = CKO_DATA;
    CK_ATTRIBUTE one{CKA_CLASS, &cls, sizeof cls};
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    for (const CK_ULONG count : {CK_ULONG{0xFFFFFFFFul}, ~CK_ULONG{0}}) {
        SCOPED_TRACE("count " + std::to_string(count));
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CreateObject(s_, &one, count, &h));
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_FindObjectsInit(s_, &one, count));
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_SetAttributeValue(s_, obj_, &one, count));
        CK_MECHANISM gen{CKM_AES_KEY_GEN, nullptr, 0};
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GenerateKey(s_, &gen, &one, count, &h));
        // And with NULL as the template.
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_CreateObject(s_, nullptr, count, &h));
        EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GetAttributeValue(s_, obj_, nullptr, count));
    }
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, ZeroLengthValues) {
    // An empty label is a real value; an empty class is not.
    Attrs empty_label;
    empty_label.ulong(CKA_CLASS, CKO_DATA).raw(CKA_LABEL, nullptr, 0);
    const CK_OBJECT_HANDLE h = create(s_, empty_label);
    EXPECT_TRUE(get_bytes(s_, h, CKA_LABEL).empty());
    // Reading into a zero-length buffer is "too small"; PKCS#11 3.0 (C_GetAttributeValue,
    // case 4) then sets the length to CK_UNAVAILABLE_INFORMATION, not to the length needed.
    CK_BYTE buf[1];
    CK_ATTRIBUTE a{CKA_LABEL, buf, 0};
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_GetAttributeValue(s_, obj_, &a, 1));
    EXPECT_EQ(a.ulValueLen, CK_UNAVAILABLE_INFORMATION);
    expect_session_works(s_);
}

TEST_F(HostileTemplatesTest, DuplicatesInEveryTemplateFunction) {
    const std::size_t before = object_count();
    // Create: one attribute twice with different values is inconsistent.
    Attrs create_dup;
    create_dup.ulong(CKA_CLASS, CKO_DATA).str(CKA_LABEL, "one").str(CKA_LABEL, "two");
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT, try_create(s_, create_dup));
    // Generate: CKA_VALUE_LEN twice, disagreeing.
    Attrs gen_dup;
    gen_dup.ulong(CKA_VALUE_LEN, 16).ulong(CKA_VALUE_LEN, 32);
    CK_MECHANISM gen{CKM_AES_KEY_GEN, nullptr, 0};
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT,
               p11()->C_GenerateKey(s_, &gen, gen_dup.data(), gen_dup.count(), &h));
    // Copy: CKA_LABEL twice.
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT,
               p11()->C_CopyObject(s_, obj_, create_dup.data() + 1, 2, &h));
    EXPECT_EQ(object_count(), before);
    // Set: the object keeps its label when the template contradicts itself.
    Attrs set_dup;
    set_dup.str(CKA_LABEL, "one").str(CKA_LABEL, "two");
    EXPECT_CKR(CKR_TEMPLATE_INCONSISTENT,
               p11()->C_SetAttributeValue(s_, obj_, set_dup.data(), set_dup.count()));
    EXPECT_EQ(get_bytes(s_, obj_, CKA_LABEL), Bytes({'t', 'a', 'r', 'g', 'e', 't'}));
    // Find: a template asking for two different labels matches nothing (no object has both).
    Attrs find_dup;
    find_dup.str(CKA_LABEL, "target").str(CKA_LABEL, "other");
    EXPECT_TRUE(find_all(s_, find_dup).empty());
    // Get: asking twice for the same attribute answers both entries.
    CK_BYTE b1[16], b2[16];
    CK_ATTRIBUTE get_dup[] = {{CKA_LABEL, b1, sizeof b1}, {CKA_LABEL, b2, sizeof b2}};
    EXPECT_OK(p11()->C_GetAttributeValue(s_, obj_, get_dup, 2));
    EXPECT_EQ(get_dup[0].ulValueLen, 6u);
    EXPECT_EQ(get_dup[1].ulValueLen, 6u);
    expect_session_works(s_);
}

}  // namespace
}  // namespace craton::abitest
