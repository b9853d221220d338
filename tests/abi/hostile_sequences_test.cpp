// Operations driven against the specification's order: steps without *Init, a second *Init
// while one is active, single-part and multi-part steps mixed, bad pointers in the middle of an
// operation, and the operation's key destroyed under it. One table row per operation kind
// (encrypt, decrypt, digest, sign, verify); every case ends by showing the session still works.
#include <functional>
#include <string>

#include "abi/hostile_fixture.h"

namespace craton::abitest {
namespace {

// One operation kind, with valid buffers for each step.
struct Kind {
    std::function<CK_RV(CK_SESSION_HANDLE)> init;
    std::function<CK_RV(CK_SESSION_HANDLE)> init_null_mechanism;
    std::function<CK_RV(CK_SESSION_HANDLE)> single;
    std::function<CK_RV(CK_SESSION_HANDLE)> single_length_query;  // empty for verify
    std::function<CK_RV(CK_SESSION_HANDLE)> update;
    // Finishing a fresh operation: CKR_OK, or `final_when_active` for verify (the signature of
    // no data does not match). When no operation is active it must be NOT_INITIALIZED.
    std::function<CK_RV(CK_SESSION_HANDLE)> final;
    CK_RV final_when_active = CKR_OK;
    // Calls with a bad pointer, each of which must answer CKR_ARGUMENTS_BAD and end the
    // operation (the specification: any error but CKR_BUFFER_TOO_SMALL ends it).
    std::vector<std::pair<std::string, std::function<CK_RV(CK_SESSION_HANDLE)>>> bad_pointers;
    bool keyed = true;
};

class HostileSequencesTest : public HostileTest, public ::testing::WithParamInterface<std::string> {
  protected:
    void SetUp() override {
        HostileTest::SetUp();
        if (HasFatalFailure()) return;
        // A valid HMAC of data_, for verify.
        CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
        ASSERT_OK(p11()->C_SignInit(s_, &m, hmac_));
        CK_ULONG n = sizeof mac_;
        ASSERT_OK(p11()->C_Sign(s_, data_, sizeof data_, mac_, &n));
        kind_ = make_kind(GetParam());
    }

    Kind make_kind(const std::string& name) {
        CK_FUNCTION_LIST_3_0* f = p11();
        Kind k;
        auto* data = data_;
        auto* out = out_;
        auto* mac = mac_;
        auto* n = &out_len_;
        auto reset = [this] { out_len_ = sizeof out_; };
        if (name == "encrypt" || name == "decrypt") {
            const bool enc = name == "encrypt";
            auto init = enc ? f->C_EncryptInit : f->C_DecryptInit;
            auto single = enc ? f->C_Encrypt : f->C_Decrypt;
            auto update = enc ? f->C_EncryptUpdate : f->C_DecryptUpdate;
            auto final = enc ? f->C_EncryptFinal : f->C_DecryptFinal;
            k.init = [this, init](CK_SESSION_HANDLE s) {
                CK_MECHANISM m{CKM_AES_ECB, nullptr, 0};
                return init(s, &m, aes_);
            };
            k.init_null_mechanism = [this, init](CK_SESSION_HANDLE s) {
                return init(s, nullptr, aes_);
            };
            k.single = [=](CK_SESSION_HANDLE s) {
                reset();
                return single(s, data, 16, out, n);
            };
            k.single_length_query = [=](CK_SESSION_HANDLE s) {
                reset();
                return single(s, data, 16, nullptr, n);
            };
            k.update = [=](CK_SESSION_HANDLE s) {
                reset();
                return update(s, data, 16, out, n);
            };
            k.final = [=](CK_SESSION_HANDLE s) {
                reset();
                return final(s, out, n);
            };
            k.bad_pointers = {
                {"single, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return single(s, data, 16, out, nullptr); }},
                {"single, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) {
                     reset();
                     return single(s, nullptr, 16, out, n);
                 }},
                {"update, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return update(s, data, 16, out, nullptr); }},
                {"update, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) {
                     reset();
                     return update(s, nullptr, 16, out, n);
                 }},
                {"final, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return final(s, out, nullptr); }},
            };
        } else if (name == "digest") {
            k.keyed = false;
            k.init = [f](CK_SESSION_HANDLE s) {
                CK_MECHANISM m{CKM_SHA256, nullptr, 0};
                return f->C_DigestInit(s, &m);
            };
            k.init_null_mechanism = [f](CK_SESSION_HANDLE s) {
                return f->C_DigestInit(s, nullptr);
            };
            k.single = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_Digest(s, data, 16, out, n);
            };
            k.single_length_query = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_Digest(s, data, 16, nullptr, n);
            };
            k.update = [=](CK_SESSION_HANDLE s) { return f->C_DigestUpdate(s, data, 16); };
            k.final = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_DigestFinal(s, out, n);
            };
            k.bad_pointers = {
                {"single, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return f->C_Digest(s, data, 16, out, nullptr); }},
                {"single, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) {
                     reset();
                     return f->C_Digest(s, nullptr, 16, out, n);
                 }},
                {"update, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_DigestUpdate(s, nullptr, 16); }},
                {"final, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return f->C_DigestFinal(s, out, nullptr); }},
            };
        } else if (name == "sign") {
            k.init = [this, f](CK_SESSION_HANDLE s) {
                CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
                return f->C_SignInit(s, &m, hmac_);
            };
            k.init_null_mechanism = [this, f](CK_SESSION_HANDLE s) {
                return f->C_SignInit(s, nullptr, hmac_);
            };
            k.single = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_Sign(s, data, 16, out, n);
            };
            k.single_length_query = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_Sign(s, data, 16, nullptr, n);
            };
            k.update = [=](CK_SESSION_HANDLE s) { return f->C_SignUpdate(s, data, 16); };
            k.final = [=](CK_SESSION_HANDLE s) {
                reset();
                return f->C_SignFinal(s, out, n);
            };
            k.bad_pointers = {
                {"single, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return f->C_Sign(s, data, 16, out, nullptr); }},
                {"single, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) {
                     reset();
                     return f->C_Sign(s, nullptr, 16, out, n);
                 }},
                {"update, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_SignUpdate(s, nullptr, 16); }},
                {"final, NULL output length",
                 [=](CK_SESSION_HANDLE s) { return f->C_SignFinal(s, out, nullptr); }},
            };
        } else {  // verify
            k.init = [this, f](CK_SESSION_HANDLE s) {
                CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
                return f->C_VerifyInit(s, &m, hmac_);
            };
            k.init_null_mechanism = [this, f](CK_SESSION_HANDLE s) {
                return f->C_VerifyInit(s, nullptr, hmac_);
            };
            k.single = [=](CK_SESSION_HANDLE s) { return f->C_Verify(s, data, 16, mac, 32); };
            k.update = [=](CK_SESSION_HANDLE s) { return f->C_VerifyUpdate(s, data, 16); };
            k.final = [=](CK_SESSION_HANDLE s) { return f->C_VerifyFinal(s, mac, 32); };
            k.final_when_active = CKR_SIGNATURE_INVALID;
            k.bad_pointers = {
                {"single, NULL data with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_Verify(s, nullptr, 16, mac, 32); }},
                {"single, NULL signature with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_Verify(s, data, 16, nullptr, 32); }},
                {"update, NULL input with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_VerifyUpdate(s, nullptr, 16); }},
                {"final, NULL signature with a length",
                 [=](CK_SESSION_HANDLE s) { return f->C_VerifyFinal(s, nullptr, 32); }},
            };
        }
        return k;
    }

    // No operation of this kind is active: finishing one is refused as never started.
    void expect_no_operation(CK_SESSION_HANDLE s) {
        EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, kind_.final(s));
    }
    // A whole operation still runs from start to end.
    void expect_kind_works(CK_SESSION_HANDLE s) {
        ASSERT_OK(kind_.init(s));
        EXPECT_OK(kind_.single(s));
        expect_no_operation(s);
        expect_session_works(s);
    }

    Kind kind_;
    CK_BYTE data_[16] = {'s', 'i', 'x', 't', 'e', 'e', 'n', ' ',
                         'b', 'y', 't', 'e', 's', '!', '!', '!'};
    CK_BYTE mac_[32] = {};
    CK_BYTE out_[64] = {};
    CK_ULONG out_len_ = sizeof out_;
};

TEST_P(HostileSequencesTest, StepsWithoutInitAreNotInitialized) {
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, kind_.single(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, kind_.update(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, kind_.final(s_));
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, SecondInitWhileActiveIsRefusedAndKeepsTheFirst) {
    ASSERT_OK(kind_.init(s_));
    EXPECT_CKR(CKR_OPERATION_ACTIVE, kind_.init(s_));
    // The refused *Init left the first operation as it was: it completes normally.
    EXPECT_OK(kind_.single(s_));
    expect_no_operation(s_);
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, UpdateAfterCompletedSinglePartIsNotInitialized) {
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(kind_.single(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, kind_.update(s_));
    expect_kind_works(s_);
}

// Kinds whose single-part call has an output a length query can ask for (not verify).
class QueryableSequencesTest : public HostileSequencesTest {};

TEST_P(QueryableSequencesTest, UpdateAfterSinglePartLengthQueryIsRefusedAndEnds) {
    ASSERT_TRUE(kind_.single_length_query);
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(kind_.single_length_query(s_));
    // The operation is now a single-part one; a multi-part step does not belong to it.
    EXPECT_CKR(CKR_OPERATION_ACTIVE, kind_.update(s_));
    expect_no_operation(s_);
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, SinglePartAfterUpdateIsRefusedAndEnds) {
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(kind_.update(s_));
    EXPECT_CKR(CKR_OPERATION_ACTIVE, kind_.single(s_));
    expect_no_operation(s_);
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, FreshOperationFinishes) {
    // The probe the other cases rely on: finishing an active operation is not NOT_INITIALIZED.
    ASSERT_OK(kind_.init(s_));
    EXPECT_CKR(kind_.final_when_active, kind_.final(s_));
    expect_no_operation(s_);
}

TEST_P(HostileSequencesTest, InitWithNullMechanismCancels) {
    ASSERT_OK(kind_.init(s_));
    EXPECT_OK(kind_.init_null_mechanism(s_));
    expect_no_operation(s_);
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, BadPointersEndTheOperation) {
    for (const auto& [what, call] : kind_.bad_pointers) {
        SCOPED_TRACE(what);
        ASSERT_OK(kind_.init(s_));
        EXPECT_CKR(CKR_ARGUMENTS_BAD, call(s_));
        expect_no_operation(s_);
    }
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, BadPointersOnAClosedSessionAreSessionErrors) {
    const CK_SESSION_HANDLE other = open(slot_, true);
    ASSERT_OK(p11()->C_CloseSession(other));
    for (const auto& [what, call] : kind_.bad_pointers) {
        SCOPED_TRACE(what);
        EXPECT_CKR(CKR_SESSION_HANDLE_INVALID, call(other));
    }
    expect_kind_works(s_);
}

// Kinds that run under a key (all but digest).
class KeyedSequencesTest : public HostileSequencesTest {};

TEST_P(KeyedSequencesTest, DestroyingTheKeyEndsTheOperation) {
    ASSERT_TRUE(kind_.keyed);
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(p11()->C_DestroyObject(s_, aes_));
    ASSERT_OK(p11()->C_DestroyObject(s_, hmac_));
    // The key is gone, so is what it was doing: its material must not stay usable.
    expect_no_operation(s_);
    // aes_ and hmac_ still hold the destroyed handles.
    EXPECT_CKR(CKR_KEY_HANDLE_INVALID, kind_.init(s_));
    aes_ = make_aes_key(s_);
    hmac_ = make_hmac_key(s_);
    expect_kind_works(s_);
}

TEST_P(KeyedSequencesTest, DestroyingTheKeyInAnotherSessionEndsTheOperation) {
    ASSERT_TRUE(kind_.keyed);
    // Session objects belong to the application: a second session may use and destroy them.
    const CK_SESSION_HANDLE other = open(slot_, true);
    ASSERT_OK(kind_.init(other));
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(p11()->C_DestroyObject(s_, aes_));
    ASSERT_OK(p11()->C_DestroyObject(s_, hmac_));
    expect_no_operation(other);
    expect_no_operation(s_);
    aes_ = make_aes_key(s_);
    hmac_ = make_hmac_key(s_);
    expect_kind_works(other);
    expect_kind_works(s_);
}

TEST_P(HostileSequencesTest, DestroyingAnotherObjectKeepsTheOperation) {
    ASSERT_OK(kind_.init(s_));
    ASSERT_OK(p11()->C_DestroyObject(s_, obj_));
    obj_ = create_data(s_, "target");
    EXPECT_OK(kind_.single(s_));
    expect_no_operation(s_);
}

const auto kKindName = [](const auto& param_info) { return param_info.param; };
INSTANTIATE_TEST_SUITE_P(Kinds, HostileSequencesTest,
                         ::testing::Values("encrypt", "decrypt", "digest", "sign", "verify"),
                         kKindName);
INSTANTIATE_TEST_SUITE_P(Kinds, QueryableSequencesTest,
                         ::testing::Values("encrypt", "decrypt", "digest", "sign"), kKindName);
INSTANTIATE_TEST_SUITE_P(Kinds, KeyedSequencesTest,
                         ::testing::Values("encrypt", "decrypt", "sign", "verify"), kKindName);

// Object search has no single-part form; its own rules.
class HostileFindSequencesTest : public HostileTest {};

TEST_F(HostileFindSequencesTest, FindStepsWithoutInit) {
    CK_OBJECT_HANDLE h[4];
    CK_ULONG n = 0;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjects(s_, h, 4, &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjectsFinal(s_));
    expect_session_works(s_);
}

TEST_F(HostileFindSequencesTest, SecondFindInitIsRefusedAndKeepsTheFirst) {
    Attrs label;
    label.str(CKA_LABEL, "target");
    ASSERT_OK(p11()->C_FindObjectsInit(s_, label.data(), label.count()));
    Attrs all;
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_FindObjectsInit(s_, all.data(), all.count()));
    // The first search (by label) is the one still running.
    CK_OBJECT_HANDLE h[8];
    CK_ULONG n = 0;
    EXPECT_OK(p11()->C_FindObjects(s_, h, 8, &n));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(h[0], obj_);
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjects(s_, h, 8, &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_FindObjectsFinal(s_));
    expect_session_works(s_);
}

TEST_F(HostileFindSequencesTest, ZeroAndHugeMaximumCounts) {
    Attrs label;
    label.str(CKA_LABEL, "target");
    ASSERT_OK(p11()->C_FindObjectsInit(s_, label.data(), label.count()));
    CK_OBJECT_HANDLE h[2] = {CK_INVALID_HANDLE, CK_INVALID_HANDLE};
    CK_ULONG n = 99;
    // A maximum of zero returns nothing and keeps the search.
    EXPECT_OK(p11()->C_FindObjects(s_, h, 0, &n));
    EXPECT_EQ(n, 0u);
    // A maximum far beyond the buffer is the caller's promise; the module writes only what it
    // found (one handle), never up to the maximum.
    n = 99;
    EXPECT_OK(p11()->C_FindObjects(s_, h, 0xFFFFFFFFul, &n));
    EXPECT_EQ(n, 1u);
    EXPECT_EQ(h[0], obj_);
    EXPECT_EQ(h[1], CK_INVALID_HANDLE);
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
}

TEST_F(HostileFindSequencesTest, FindAndOtherOperationsAreIndependent) {
    // A search in progress does not block a digest in the same session, and ending one does
    // not end the other.
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    CK_MECHANISM m{CKM_SHA256, nullptr, 0};
    ASSERT_OK(p11()->C_DigestInit(s_, &m));
    ASSERT_OK(p11()->C_FindObjectsFinal(s_));
    CK_BYTE out[32];
    CK_ULONG n = sizeof out;
    EXPECT_OK(p11()->C_DigestFinal(s_, out, &n));
    expect_session_works(s_);
}

}  // namespace
}  // namespace craton::abitest
