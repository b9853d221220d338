// C_FindObjectsInit / C_FindObjects / C_FindObjectsFinal: matching, paging, operation state,
// visibility, and index-backed speed on a large token.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class FindTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        slot_ = ready_token();
        s_ = open(slot_, true);
    }
    // An X.509 certificate object: a class that carries CKA_ID and needs no key validation.
    CK_OBJECT_HANDLE keyed(const std::string& id, const std::string& label, bool token = false) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_CERTIFICATE)
            .ulong(CKA_CERTIFICATE_TYPE, CKC_X_509)
            .boolean(CKA_TOKEN, token)
            .str(CKA_ID, id)
            .str(CKA_LABEL, label)
            .bytes(CKA_SUBJECT, Bytes{0x30, 0x00})
            .str(CKA_VALUE, "\x30\x03\x02\x01\x01");
        return create(s_, a);
    }
    CK_SLOT_ID slot_ = 0;
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
};

using Handles = std::vector<CK_OBJECT_HANDLE>;

Handles sorted(Handles h) {
    std::sort(h.begin(), h.end());
    return h;
}

TEST_F(FindTest, ByClassIdAndLabel) {
    const CK_OBJECT_HANDLE d1 = create_data(s_, "alpha");
    const CK_OBJECT_HANDLE d2 = create_data(s_, "beta");
    const CK_OBJECT_HANDLE k1 = keyed("id-1", "alpha");
    const CK_OBJECT_HANDLE k2 = keyed("id-2", "gamma");

    Attrs data;
    data.ulong(CKA_CLASS, CKO_DATA);
    EXPECT_EQ(sorted(find_all(s_, data)), sorted({d1, d2}));
    Attrs certs;
    certs.ulong(CKA_CLASS, CKO_CERTIFICATE);
    EXPECT_EQ(sorted(find_all(s_, certs)), sorted({k1, k2}));

    Attrs alpha;
    alpha.str(CKA_LABEL, "alpha");
    EXPECT_EQ(sorted(find_all(s_, alpha)), sorted({d1, k1}));
    Attrs alpha_data;
    alpha_data.str(CKA_LABEL, "alpha").ulong(CKA_CLASS, CKO_DATA);
    EXPECT_EQ(find_all(s_, alpha_data), Handles({d1}));

    Attrs id2;
    id2.str(CKA_ID, "id-2");
    EXPECT_EQ(find_all(s_, id2), Handles({k2}));
    Attrs id2_alpha;
    id2_alpha.str(CKA_ID, "id-2").str(CKA_LABEL, "alpha");
    EXPECT_TRUE(find_all(s_, id2_alpha).empty());

    Attrs none;
    EXPECT_EQ(sorted(find_all(s_, none)), sorted({d1, d2, k1, k2}));
    Attrs missing;
    missing.str(CKA_LABEL, "delta");
    EXPECT_TRUE(find_all(s_, missing).empty());
    // An attribute the object lacks never matches (data objects have no CKA_ID).
    Attrs empty_id;
    empty_id.bytes(CKA_ID, nullptr, 0).ulong(CKA_CLASS, CKO_DATA);
    EXPECT_TRUE(find_all(s_, empty_id).empty());
}

TEST_F(FindTest, ByTokenFlagAndBooleans) {
    const CK_OBJECT_HANDLE session_obj = create_data(s_, "s");
    const CK_OBJECT_HANDLE token_obj = create_data(s_, "t", "", /*token=*/true);
    Attrs on_token;
    on_token.boolean(CKA_TOKEN, true);
    EXPECT_EQ(find_all(s_, on_token), Handles({token_obj}));
    Attrs in_session;
    in_session.boolean(CKA_TOKEN, false);
    EXPECT_EQ(find_all(s_, in_session), Handles({session_obj}));
}

TEST_F(FindTest, FollowsAttributeChanges) {
    // The label and id indexes follow C_SetAttributeValue, for session and token objects.
    for (const bool token : {false, true}) {
        const CK_OBJECT_HANDLE h = keyed("old-id", "old-label", token);
        Attrs change;
        change.str(CKA_LABEL, "new-label").str(CKA_ID, "new-id");
        ASSERT_OK(p11()->C_SetAttributeValue(s_, h, change.data(), change.count()));
        Attrs old_label, new_label, new_id;
        old_label.str(CKA_LABEL, "old-label");
        new_label.str(CKA_LABEL, "new-label");
        new_id.str(CKA_ID, "new-id");
        EXPECT_TRUE(find_all(s_, old_label).empty()) << "token " << token;
        EXPECT_EQ(find_all(s_, new_label), Handles({h})) << "token " << token;
        EXPECT_EQ(find_all(s_, new_id), Handles({h})) << "token " << token;
        ASSERT_OK(p11()->C_DestroyObject(s_, h));
        EXPECT_TRUE(find_all(s_, new_label).empty()) << "token " << token;
    }
}

TEST_F(FindTest, PagingReturnsEveryObjectOnce) {
    Handles made;
    for (int i = 0; i < 23; ++i) made.push_back(create_data(s_, "page"));
    Attrs t;
    t.str(CKA_LABEL, "page");
    for (CK_ULONG page : {1ul, 2ul, 5ul, 23ul, 100ul}) {
        const Handles got = find_all(s_, t, page);
        EXPECT_EQ(got.size(), made.size()) << "page " << page;
        EXPECT_EQ(sorted(got), sorted(made)) << "page " << page;
    }
}

TEST_F(FindTest, OperationState) {
    create_data(s_, "x");
    CK_OBJECT_HANDLE h;
    CK_ULONG n = 99;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjects(s_, &h, 1, &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjectsFinal(s_));

    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_FindObjectsInit(s_, nullptr, 0));
    ASSERT_OK(p11()->C_FindObjects(s_, &h, 1, &n));
    EXPECT_EQ(n, 1u);
    ASSERT_OK(p11()->C_FindObjects(s_, &h, 1, &n));
    EXPECT_EQ(n, 0u);  // exhausted, still active
    ASSERT_OK(p11()->C_FindObjectsFinal(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjects(s_, &h, 1, &n));

    // A search in one session does not block another session.
    const CK_SESSION_HANDLE other = open(slot_, false);
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    EXPECT_OK(p11()->C_FindObjectsInit(other, nullptr, 0));
    EXPECT_OK(p11()->C_FindObjectsFinal(other));
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
}

TEST_F(FindTest, ZeroMaxCountReturnsNothing) {
    create_data(s_, "x");
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    CK_ULONG n = 99;
    CK_OBJECT_HANDLE h;
    EXPECT_OK(p11()->C_FindObjects(s_, &h, 0, &n));
    EXPECT_EQ(n, 0u);
    EXPECT_OK(p11()->C_FindObjects(s_, &h, 1, &n));
    EXPECT_EQ(n, 1u);  // the zero-sized call consumed nothing
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
}

TEST_F(FindTest, SessionCancelEndsTheSearch) {
    create_data(s_, "x");
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    ASSERT_OK(p11()->C_SessionCancel(s_, CKF_FIND_OBJECTS));
    CK_OBJECT_HANDLE h;
    CK_ULONG n;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjects(s_, &h, 1, &n));
    EXPECT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
}

TEST_F(FindTest, PrivateObjectsAreFoundOnlyWhenLoggedIn) {
    login_user(s_);
    const CK_OBJECT_HANDLE priv = create_data(s_, "p", "", /*token=*/true, /*priv=*/true);
    const CK_OBJECT_HANDLE pub = create_data(s_, "p", "", /*token=*/true, /*priv=*/false);
    Attrs t;
    t.str(CKA_LABEL, "p");
    EXPECT_EQ(sorted(find_all(s_, t)), sorted({priv, pub}));
    ASSERT_OK(p11()->C_Logout(s_));
    EXPECT_EQ(find_all(s_, t), Handles({pub}));
    Attrs p;
    p.boolean(CKA_PRIVATE, true);
    EXPECT_TRUE(find_all(s_, p).empty());
}

TEST_F(FindTest, SensitiveValuesCannotBeSearchedFor) {
    // Matching on a hidden value would let a caller test guesses of a key.
    login_user(s_);
    const Bytes key(16, 0x42);
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, CKK_AES).bytes(CKA_VALUE, key);
    create(s_, a);
    Attrs guess;
    guess.bytes(CKA_VALUE, key);
    EXPECT_TRUE(find_all(s_, guess).empty());
}

TEST_F(FindTest, ArgumentErrors) {
    CK_OBJECT_HANDLE h;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_FindObjectsInit(s_, nullptr, 2));
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_FindObjects(s_, &h, 1, nullptr));
    CK_ULONG n;
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_FindObjects(s_, nullptr, 1, &n));
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
}

TEST_F(FindTest, TenThousandObjectsFoundQuicklyById) {
    constexpr int kObjects = 10000;
    char id[32];
    for (int i = 0; i < kObjects; ++i) {
        std::snprintf(id, sizeof id, "id-%05d", i);
        keyed(id, "bulk");
        if (HasFailure()) return;
    }
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    for (int i = 0; i < kObjects; ++i) {
        std::snprintf(id, sizeof id, "id-%05d", i);
        Attrs t;
        t.str(CKA_ID, id).ulong(CKA_CLASS, CKO_CERTIFICATE);
        ASSERT_OK(p11()->C_FindObjectsInit(s_, t.data(), t.count()));
        CK_OBJECT_HANDLE h[2];
        CK_ULONG n = 0;
        ASSERT_OK(p11()->C_FindObjects(s_, h, 2, &n));
        ASSERT_EQ(n, 1u) << id;
        ASSERT_OK(p11()->C_FindObjectsFinal(s_));
    }
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    // An index answers each lookup in microseconds; a scan of 10,000 objects per lookup
    // (10^8 comparisons) cannot finish in this budget.
    EXPECT_LT(ms, 3000) << kObjects << " lookups took " << ms << " ms";
    Attrs bulk;
    bulk.str(CKA_LABEL, "bulk");
    EXPECT_EQ(find_all(s_, bulk, 1000).size(), static_cast<std::size_t>(kObjects));
}

}  // namespace
}  // namespace craton::abitest
