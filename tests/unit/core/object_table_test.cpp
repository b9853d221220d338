// ObjectTable: the handle map and the class / CKA_ID / CKA_LABEL indexes behind C_FindObjects,
// kept consistent through insert, change, removal and re-handling.
#include "core/object_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace craton {
namespace {

ObjectPtr make(CK_OBJECT_HANDLE h, CK_OBJECT_CLASS cls, const std::string& id,
               const std::string& label, bool priv = false) {
    auto o = std::make_shared<Object>();
    o->set_ulong(CKA_CLASS, cls);
    if (!id.empty()) o->set(CKA_ID, view(id.data(), id.size()));
    o->set(CKA_LABEL, view(label.data(), label.size()));
    o->set_bool(CKA_PRIVATE, priv);
    o->set_handle(h);
    return o;
}

Template by(CK_ATTRIBUTE_TYPE type, const std::string& value) {
    Template t;
    t.add(type, view(value.data(), value.size()));
    return t;
}

Template by_class(CK_OBJECT_CLASS cls) {
    Template t;
    t.add_ulong(CKA_CLASS, cls);
    return t;
}

const ObjectTable::Visible kAll = [](const Object&) { return true; };

std::vector<CK_OBJECT_HANDLE> sorted(std::vector<CK_OBJECT_HANDLE> v) {
    std::sort(v.begin(), v.end());
    return v;
}

class ObjectTableTest : public ::testing::Test {
  protected:
    void SetUp() override {
        table.insert(make(1, CKO_CERTIFICATE, "a", "alpha"));
        table.insert(make(2, CKO_CERTIFICATE, "b", "beta"));
        table.insert(make(3, CKO_PUBLIC_KEY, "a", "alpha"));
        table.insert(make(4, CKO_DATA, "", "alpha", /*priv=*/true));
    }
    ObjectTable table;
};

TEST_F(ObjectTableTest, FindAndRemove) {
    ASSERT_NE(table.find(2), nullptr);
    EXPECT_EQ(table.find(2)->handle(), 2u);
    EXPECT_EQ(table.find(99), nullptr);
    EXPECT_NE(table.remove(2), nullptr);
    EXPECT_EQ(table.find(2), nullptr);
    EXPECT_EQ(table.remove(2), nullptr);
    EXPECT_TRUE(table.search(by(CKA_LABEL, "beta"), kAll).empty());
}

TEST_F(ObjectTableTest, SearchesByEachIndexAndTheirIntersection) {
    EXPECT_EQ(sorted(table.search(by_class(CKO_CERTIFICATE), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{1, 2}));
    EXPECT_EQ(sorted(table.search(by(CKA_ID, "a"), kAll)), (std::vector<CK_OBJECT_HANDLE>{1, 3}));
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{1, 3, 4}));
    Template both = by(CKA_ID, "a");
    both.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY);
    EXPECT_EQ(table.search(both, kAll), (std::vector<CK_OBJECT_HANDLE>{3}));
    EXPECT_TRUE(table.search(by(CKA_ID, "zzz"), kAll).empty());
    EXPECT_TRUE(table.search(by_class(CKO_SECRET_KEY), kAll).empty());
    EXPECT_EQ(table.search(Template{}, kAll).size(), 4u);
}

TEST_F(ObjectTableTest, EmptyIdMatchesOnlyObjectsThatHaveOne) {
    // Object 4 has no CKA_ID at all; an empty-ID search must not find it.
    auto o = make(5, CKO_CERTIFICATE, "", "e");
    o->set(CKA_ID, {});
    table.insert(o);
    EXPECT_EQ(table.search(by(CKA_ID, ""), kAll), (std::vector<CK_OBJECT_HANDLE>{5}));
}

TEST_F(ObjectTableTest, VisibilityFilter) {
    const ObjectTable::Visible public_only = [](const Object& o) { return !o.is_private(); };
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), public_only)),
              (std::vector<CK_OBJECT_HANDLE>{1, 3}));
}

TEST_F(ObjectTableTest, ReindexFollowsChanges) {
    const ObjectPtr o = table.find(1);
    table.reindex(o, [&] {
        const std::string label = "gamma";
        o->set(CKA_LABEL, view(label.data(), label.size()));
    });
    EXPECT_EQ(table.search(by(CKA_LABEL, "gamma"), kAll), (std::vector<CK_OBJECT_HANDLE>{1}));
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{3, 4}));
}

TEST_F(ObjectTableTest, FailedChangeKeepsTheIndexes) {
    const ObjectPtr o = table.find(1);
    EXPECT_THROW(table.reindex(o, [] { throw std::runtime_error("refused"); }), std::runtime_error);
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{1, 3, 4}));
}

TEST_F(ObjectTableTest, RemoveIfAndCount) {
    EXPECT_EQ(table.count_if([](const Object& o) { return o.is_private(); }), 1u);
    const auto removed = table.remove_if([](const Object& o) { return o.is_private(); });
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0]->handle(), 4u);
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{1, 3}));
    EXPECT_EQ(table.count_if([](const Object&) { return true; }), 3u);
}

TEST_F(ObjectTableTest, RehandleMovesHandlesAndIndexes) {
    CK_OBJECT_HANDLE next = 100;
    table.rehandle_if([](const Object& o) { return o.is_private(); }, [&] { return next++; });
    EXPECT_EQ(table.find(4), nullptr);
    ASSERT_NE(table.find(100), nullptr);
    EXPECT_EQ(table.find(100)->handle(), 100u);
    EXPECT_EQ(sorted(table.search(by(CKA_LABEL, "alpha"), kAll)),
              (std::vector<CK_OBJECT_HANDLE>{1, 3, 100}));
}

TEST_F(ObjectTableTest, Clear) {
    table.clear();
    EXPECT_TRUE(table.search(Template{}, kAll).empty());
    EXPECT_TRUE(table.search(by_class(CKO_CERTIFICATE), kAll).empty());
    table.insert(make(7, CKO_DATA, "", "again"));
    EXPECT_EQ(table.search(by(CKA_LABEL, "again"), kAll), (std::vector<CK_OBJECT_HANDLE>{7}));
}

TEST(ObjectTableScale, IdLookupDoesNotScanTheClass) {
    // 20,000 objects of one class; each lookup by CKA_ID must touch only its own object.
    ObjectTable table;
    for (CK_OBJECT_HANDLE h = 1; h <= 20000; ++h) {
        table.insert(make(h, CKO_CERTIFICATE, "id" + std::to_string(h), "same"));
    }
    std::size_t visited = 0;
    const ObjectTable::Visible counting = [&](const Object&) {
        ++visited;
        return true;
    };
    Template t = by(CKA_ID, "id777");
    t.add_ulong(CKA_CLASS, CKO_CERTIFICATE);
    t.add(CKA_LABEL, view("same", 4));
    EXPECT_EQ(table.search(t, counting), (std::vector<CK_OBJECT_HANDLE>{777}));
    EXPECT_EQ(visited, 1u);
}

}  // namespace
}  // namespace craton
