/* The pair loops of reportlint's kind duplicate (DUP002, DUP004), each with a pure-Python twin in
 * reportlint/checks/duplicate.py giving the same results (tests/test_kind_speedups.py runs both).
 *
 * A text's bigrams are coded as (first code point << 32) | second code point; a text of one
 * character stands for itself as (1 << 63) | code point, never equal to a bigram. Each text's
 * codes are kept sorted and without repeats; the Python twin's integers sort the same way.
 *
 * similar_pairs(texts, limit) -> list of (k, c, similarity) tuples, k ascending  (DUP002)
 *   texts  a list of str: the paragraphs' normalised texts, in document order
 *   limit  the rule's similarity (a float)
 * A set-similarity join with prefix filtering, as the twin (_similar_pure) does it: text k's prefix
 * is its first size - ceil(limit * size) + 1 codes; the candidates are the earlier texts, not
 * themselves reported, with one of those codes in their prefix, tried in ascending order; a
 * candidate of a size within the limit is kept when its Jaccard similarity
 * shared / (size + size_c - shared) is at least limit and above the best so far. Text k is listed
 * with its best candidate, or, when it has none, its prefix is indexed.
 *
 * near_pairs(keys, groups, limit) -> list of (k, c) tuples  (DUP004), k ascending, then c ascending
 *   keys   a list of str: the clauses' normalised texts, in document order
 *   groups a list of int, one per key: pairs within one group are not wanted (one section)
 *   limit  the rule's similarity (a float)
 * the pairs of clauses worth an edit-similarity test: (k, c) with c < k in another group is
 * listed when both hold, exactly as the pure-Python twin
 * (reportlint.checks.duplicate._near_pairs_pure) tests them:
 *   min(len_k, len_c) >= limit * max(len_k, len_c)
 *   |B_k & B_c| >= limit * 0.5 * max(|B_k|, 1)
 * where B is the set of a key's character bigrams (two code points; a key of one character
 * stands for itself, never equal to a bigram). The comparisons are made on doubles in the order
 * Python makes them, and the counts are exact, so both give the same list.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>

/* |a & b| for two sorted arrays without repeats */
static Py_ssize_t
shared(const uint64_t *a, Py_ssize_t na, const uint64_t *b, Py_ssize_t nb)
{
    Py_ssize_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            n++;
            i++;
            j++;
        }
    }
    return n;
}

/* heapsort (in place, no recursion, no comparator calls) */
static void
sift_u64(uint64_t *a, Py_ssize_t root, Py_ssize_t end)
{
    uint64_t v = a[root];
    for (Py_ssize_t child; (child = 2 * root + 1) < end; root = child) {
        if (child + 1 < end && a[child + 1] > a[child])
            child++;
        if (a[child] <= v)
            break;
        a[root] = a[child];
    }
    a[root] = v;
}

static void
sort_u64(uint64_t *a, Py_ssize_t n)
{
    for (Py_ssize_t i = n / 2; i-- > 0;)
        sift_u64(a, i, n);
    for (Py_ssize_t end = n - 1; end > 0; end--) {
        uint64_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_u64(a, 0, end);
    }
}

/* Checks that every item of the list is a str and returns the room its codes need (or -1). */
static Py_ssize_t
code_room(PyObject *texts)
{
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(texts); k++) {
        PyObject *t = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "texts must be str");
            return -1;
        }
        if (PyUnicode_READY(t) < 0)
            return -1;
        Py_ssize_t len = PyUnicode_GET_LENGTH(t);
        total += len > 1 ? len - 1 : 1;
        /* (every text takes at least one slot, so this bounds the number of texts too: the
         * callers' arrays of a few slots per text and per code cannot overflow) */
        if ((size_t)total > PY_SSIZE_T_MAX / (8 * sizeof(uint64_t))) {
            PyErr_NoMemory();
            return -1;
        }
    }
    return total;
}

/* Fills start/count/length of every text and its sorted distinct codes into codes. */
static void
fill_codes(PyObject *texts, uint64_t *codes, Py_ssize_t *start, Py_ssize_t *count, Py_ssize_t *length)
{
    Py_ssize_t pos = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(texts); k++) {
        PyObject *t = PyList_GET_ITEM(texts, k);
        int kind = PyUnicode_KIND(t);
        const void *data = PyUnicode_DATA(t);
        Py_ssize_t len = PyUnicode_GET_LENGTH(t), m = 0;
        uint64_t *c = codes + pos;
        if (len == 1)
            c[m++] = ((uint64_t)1 << 63) | PyUnicode_READ(kind, data, 0);
        for (Py_ssize_t i = 0; i + 1 < len; i++)
            c[m++] = ((uint64_t)PyUnicode_READ(kind, data, i) << 32) | PyUnicode_READ(kind, data, i + 1);
        if (m > 1) {
            sort_u64(c, m);
            Py_ssize_t u = 1;
            for (Py_ssize_t i = 1; i < m; i++)
                if (c[i] != c[u - 1])
                    c[u++] = c[i];
            m = u;
        }
        start[k] = pos;
        count[k] = m;
        if (length != NULL)
            length[k] = len;
        pos += len > 1 ? len - 1 : 1;
    }
}

/* whether |a & b| >= t, giving up as soon as the rest cannot make it */
static int
shares(const uint64_t *a, Py_ssize_t na, const uint64_t *b, Py_ssize_t nb, Py_ssize_t t)
{
    Py_ssize_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (n + (na - i < nb - j ? na - i : nb - j) < t)
            return 0;
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            n++;
            i++;
            j++;
        }
    }
    return n >= t;
}

static PyObject *
near_pairs(PyObject *self, PyObject *args)
{
    PyObject *keys, *groups, *out = NULL;
    double limit;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!d", &PyList_Type, &keys, &PyList_Type, &groups, &limit))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys), total = code_room(keys);
    if (total < 0)
        return NULL;
    if (PyList_GET_SIZE(groups) != n) {
        PyErr_SetString(PyExc_ValueError, "near_pairs: one group per key");
        return NULL;
    }
    /* codes: every key's distinct bigrams, sorted, at start[k] .. start[k] + count[k] */
    uint64_t *codes = PyMem_Malloc((size_t)(total > 0 ? total : 1) * sizeof(uint64_t));
    Py_ssize_t *meta = PyMem_Malloc((size_t)(n > 0 ? n : 1) * 4 * sizeof(Py_ssize_t));
    if (codes == NULL || meta == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *start = meta, *count = meta + n, *length = meta + 2 * n, *group = meta + 3 * n;
    for (Py_ssize_t k = 0; k < n; k++) {
        group[k] = PyLong_AsSsize_t(PyList_GET_ITEM(groups, k));
        if (group[k] == -1 && PyErr_Occurred())
            goto done;
    }
    fill_codes(keys, codes, start, count, length);
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    for (Py_ssize_t k = 1; k < n; k++) {
        double need = limit * 0.5 * (double)(count[k] > 1 ? count[k] : 1);
        /* an integer count is >= need exactly when it is >= ceil(need) */
        Py_ssize_t t = (Py_ssize_t)ceil(need);
        for (Py_ssize_t c = 0; c < k; c++) {
            if (group[c] == group[k])
                continue;
            Py_ssize_t lo = length[k] < length[c] ? length[k] : length[c];
            Py_ssize_t hi = length[k] < length[c] ? length[c] : length[k];
            if (!((double)lo >= limit * (double)hi))
                continue;
            if (!shares(codes + start[k], count[k], codes + start[c], count[c], t))
                continue;
            PyObject *pair = Py_BuildValue("(nn)", k, c);
            if (pair == NULL || PyList_Append(out, pair) < 0) {
                Py_XDECREF(pair);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(pair);
        }
    }
done:
    PyMem_Free(codes);
    PyMem_Free(meta);
    return out;
}

static int
cmp_ssize(const void *a, const void *b)
{
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

static Py_ssize_t
prefix_length(Py_ssize_t size, double limit)
{
    Py_ssize_t plen = size - (Py_ssize_t)ceil(limit * (double)size) + 1;
    return plen > size ? size : plen < 0 ? 0 : plen;
}

/* The slot of code in an open-addressing table of mask + 1 slots (heads[slot] < 0: empty). */
static size_t
slot_of(const uint64_t *keys, const Py_ssize_t *heads, size_t mask, uint64_t code)
{
    size_t h = (size_t)((code * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
    while (heads[h] >= 0 && keys[h] != code)
        h = (h + 1) & mask;
    return h;
}

static PyObject *
similar_pairs(PyObject *self, PyObject *args)
{
    PyObject *texts, *out = NULL;
    double limit;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!d", &PyList_Type, &texts, &limit))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(texts), total = code_room(texts);
    if (total < 0)
        return NULL;
    size_t room = (size_t)(total > 0 ? total : 1), items = (size_t)(n > 0 ? n : 1);
    size_t cap = 2; /* table slots: a power of two above twice the prefix codes (at most room) */
    while (cap < 2 * room)
        cap *= 2;
    /* codes (room), then the table's keys (cap) */
    uint64_t *codes = PyMem_Malloc((room + cap) * sizeof(uint64_t));
    /* per item: start, count, seen-stamp, candidate; per code slot: next posting, its item; per
     * table slot: the first posting of its code */
    Py_ssize_t *meta = PyMem_Malloc((4 * items + 2 * room + cap) * sizeof(Py_ssize_t));
    if (codes == NULL || meta == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    uint64_t *keys = codes + room;
    Py_ssize_t *start = meta, *count = meta + items, *seen = meta + 2 * items, *cand = meta + 3 * items;
    Py_ssize_t *next = meta + 4 * items, *who = next + room, *heads = who + room;
    fill_codes(texts, codes, start, count, NULL);
    for (Py_ssize_t k = 0; k < n; k++)
        seen[k] = -1;
    for (size_t i = 0; i < cap; i++)
        heads[i] = -1;
    /* postings: heads[slot of a code] -> linked slots next/who, newest first (candidates are
     * sorted anyway) */
    Py_ssize_t used = 0;
    size_t mask = cap - 1;
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t size = count[k], plen = prefix_length(size, limit);
        const uint64_t *pre = codes + start[k];
        Py_ssize_t ncand = 0;
        for (Py_ssize_t e = 0; e < plen; e++)
            for (Py_ssize_t q = heads[slot_of(keys, heads, mask, pre[e])]; q >= 0; q = next[q])
                if (seen[who[q]] != k) {
                    seen[who[q]] = k;
                    cand[ncand++] = who[q];
                }
        if (ncand > 1)
            qsort(cand, (size_t)ncand, sizeof(Py_ssize_t), cmp_ssize);
        Py_ssize_t best = -1;
        double best_sim = 0.0;
        for (Py_ssize_t i = 0; i < ncand; i++) {
            Py_ssize_t c = cand[i], size0 = count[c];
            Py_ssize_t small = size < size0 ? size : size0, big = size < size0 ? size0 : size;
            if ((double)small < limit * (double)big)
                continue;
            double sim = 0.0;
            if (size > 0 && size0 > 0) {
                Py_ssize_t inter = shared(codes + start[k], size, codes + start[c], size0);
                sim = (double)inter / (double)(size + size0 - inter);
            }
            if (sim >= limit && (best < 0 || sim > best_sim)) {
                best = c;
                best_sim = sim;
            }
        }
        if (best >= 0) {
            PyObject *hit = Py_BuildValue("(nnd)", k, best, best_sim);
            if (hit == NULL || PyList_Append(out, hit) < 0) {
                Py_XDECREF(hit);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(hit);
        }
        else {
            for (Py_ssize_t e = 0; e < plen; e++) {
                size_t h = slot_of(keys, heads, mask, pre[e]);
                keys[h] = pre[e];
                next[used] = heads[h];
                who[used] = k;
                heads[h] = used++;
            }
        }
    }
done:
    PyMem_Free(codes);
    PyMem_Free(meta);
    return out;
}

static PyMethodDef methods[] = {
    {"similar_pairs", similar_pairs, METH_VARARGS,
     "similar_pairs(texts, limit) -> [(k, c, similarity), ...]: texts nearly the same as an earlier one (DUP002)"},
    {"near_pairs", near_pairs, METH_VARARGS,
     "near_pairs(keys, groups, limit) -> [(k, c), ...]: the earlier clauses c of another group near enough to clause k (DUP004)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pairs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC
PyInit__pairs(void)
{
    return PyModule_Create(&module);
}
