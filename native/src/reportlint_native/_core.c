/* The hot loop of reportlint's paragraph classifier: exact integer weight sums.
 *
 * sums(feats, index, table, nlabels) -> tuple of nlabels ints
 *   feats   an iterable of feature strings (reportlint.classify.features.feature_set)
 *   index   dict: feature string -> row number
 *   table   a buffer of int32, nlabels per row: the model's weights times 1000
 * Returns, per label, the sum of the rows of the features found in index. Features are
 * exported from Python as strings and the table is exported from the model, so a change of
 * feature definitions or of the model needs no change here. The sums are exact integers, so
 * they do not depend on the order the features come in: the pure-Python twin gives the same.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_LABELS 64

/* The model's weights: a C-contiguous buffer of int32, nlabels per feature row. 0, or -1 with an
 * exception set (then buf holds nothing to release). */
static int
get_weights(PyObject *table, Py_ssize_t nlabels, Py_buffer *buf)
{
    if (nlabels <= 0 || nlabels > MAX_LABELS) {
        PyErr_SetString(PyExc_ValueError, "nlabels out of range");
        return -1;
    }
    if (PyObject_GetBuffer(table, buf, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (buf->itemsize != 4 || (buf->format && strcmp(buf->format, "i") != 0 && strcmp(buf->format, "=i") != 0
                               && strcmp(buf->format, "<i") != 0)) {
        PyBuffer_Release(buf);
        PyErr_SetString(PyExc_TypeError, "table must be a buffer of int32");
        return -1;
    }
    return 0;
}

static PyObject *
sums_tuple(const int64_t *acc, Py_ssize_t n)
{
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLongLong(acc[i]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
}

static PyObject *
core_sums(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *feats, *index, *table;
    Py_ssize_t nlabels;
    if (!PyArg_ParseTuple(args, "OO!On", &feats, &PyDict_Type, &index, &table, &nlabels))
        return NULL;
    Py_buffer buf;
    if (get_weights(table, nlabels, &buf) < 0)
        return NULL;
    const int32_t *w = (const int32_t *)buf.buf;
    Py_ssize_t nrows = (buf.len / 4) / nlabels;
    int64_t acc[MAX_LABELS] = {0};
    PyObject *it = PyObject_GetIter(feats);
    if (it == NULL) {
        PyBuffer_Release(&buf);
        return NULL;
    }
    PyObject *f;
    while ((f = PyIter_Next(it)) != NULL) {
        PyObject *row = PyDict_GetItemWithError(index, f);  /* borrowed */
        Py_DECREF(f);
        if (row == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        Py_ssize_t r = PyLong_AsSsize_t(row);
        if (r == -1 && PyErr_Occurred())
            goto fail;
        if (r < 0 || r >= nrows) {
            PyErr_SetString(PyExc_IndexError, "feature row outside the table");
            goto fail;
        }
        const int32_t *p = w + r * nlabels;
        for (Py_ssize_t i = 0; i < nlabels; i++)
            acc[i] += p[i];
    }
    if (PyErr_Occurred())
        goto fail;
    Py_DECREF(it);
    PyBuffer_Release(&buf);
    return sums_tuple(acc, nlabels);
fail:
    Py_DECREF(it);
    PyBuffer_Release(&buf);
    return NULL;
}

/* ------------------------------------------------------------------ content features
 *
 * table(index, table, nlabels) -> capsule
 *   The model's features as a C hash table keyed by (kind, code points), with their rows copied:
 *   "w:WORD" -> (WORD, word), "b:A|B" -> (BIGRAM, "A|B"), "cN:GRAM" with len(GRAM) == N ->
 *   (CHAR, GRAM), any other feature -> (FULL, the whole string). The map is one-to-one, so a
 *   look-up finds exactly the feature whose string Python would build.
 *
 * content_sums(capsule, words, text, others, cues) -> (n_plain, plain sums, cue sums)
 *   The features reportlint.classify.features.feature_set builds from its pieces, without
 *   building their strings: "w:" + w for every word that is not all white space (str.strip),
 *   "b:" + a + "|" + b for neighbouring such words, "c1:".."c3:" for the character 1-3-grams of
 *   text, and the strings of others (any other features, as they are). Features are a set: each
 *   distinct one counts once. A feature of others that is in cues (a set) is a cue feature:
 *   its row goes to the cue sums and it is not counted in n_plain. Sums are exact int64, so
 *   the result does not depend on order: tests/test_native_features.py compares it with the
 *   pure-Python path on the corpus and on random text.
 */

enum { K_WORD = 0, K_BIGRAM = 1, K_CHAR = 2, K_FULL = 3 };

typedef struct {
    uint64_t hash;
    Py_ssize_t off;   /* into pool */
    Py_ssize_t len;
    int32_t kind;
    int32_t row;      /* entry number (its weights at row * nlabels), -1: empty slot */
} Entry;

#define BITS_WORDS 1024  /* 65,536 bits */
#define BIT_OF(h) ((size_t)((h) >> 48))

/* A paragraph's distinct features so far (content_sums): a slot is empty unless its gen is the call's. */
typedef struct {
    uint64_t hash;
    const Py_UCS4 *s;
    Py_ssize_t len;
    int32_t kind;
    uint32_t gen;
} Seen;

typedef struct {
    Py_ssize_t nlabels;
    size_t mask;      /* number of slots - 1 (a power of two, at least twice the entries) */
    Entry *slots;
    Py_UCS4 *pool;
    int32_t *weights;
    uint64_t bits[BITS_WORDS];  /* one bit per key hash's top 16 bits: most look-ups miss, here */
    /* scratch of content_sums, kept between calls (the GIL is held throughout a call, and no
       Python code runs while it is in use; busy guards against re-entry all the same) */
    int busy;
    uint32_t gen;
    Seen *seen;
    size_t seen_cap;
    Py_UCS4 *buf;
    size_t buf_cap;
    Py_ssize_t *wpos;
    size_t wpos_cap;
} Table;

#define CAPSULE_NAME "reportlint_native.table"

static uint64_t
hash_key(int kind, const Py_UCS4 *s, Py_ssize_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(kind + 1);
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (uint64_t)s[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h;
}

static size_t
slots_for(Py_ssize_t n)
{
    size_t cap = 8;
    while (cap < (size_t)n * 2)
        cap <<= 1;
    return cap;
}

static void
table_free(Table *t)
{
    if (t == NULL)
        return;
    PyMem_Free(t->slots);
    PyMem_Free(t->pool);
    PyMem_Free(t->weights);
    PyMem_Free(t->seen);
    PyMem_Free(t->buf);
    PyMem_Free(t->wpos);
    PyMem_Free(t);
}

static void
capsule_free(PyObject *cap)
{
    table_free((Table *)PyCapsule_GetPointer(cap, CAPSULE_NAME));
}

/* The kind of a model feature and where its key starts in the string. */
static int
key_of(PyObject *name, Py_ssize_t *start)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(name);
    int k = PyUnicode_KIND(name);
    const void *d = PyUnicode_DATA(name);
    if (n >= 3 && PyUnicode_READ(k, d, 1) == ':') {
        Py_UCS4 c = PyUnicode_READ(k, d, 0);
        if (c == 'w' || c == 'b') {
            *start = 2;
            return c == 'w' ? K_WORD : K_BIGRAM;
        }
    }
    if (n >= 4 && PyUnicode_READ(k, d, 0) == 'c' && PyUnicode_READ(k, d, 2) == ':') {
        Py_UCS4 c = PyUnicode_READ(k, d, 1);
        if (c >= '1' && c <= '3' && n - 3 == (Py_ssize_t)(c - '0')) {
            *start = 3;
            return K_CHAR;
        }
    }
    *start = 0;
    return K_FULL;
}

/* memcmp for the short keys here (1-3 characters mostly): inline, no library call */
static inline int
same(const Py_UCS4 *a, const Py_UCS4 *b, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static const Entry *
table_find(const Table *t, int kind, const Py_UCS4 *s, Py_ssize_t n, uint64_t h)
{
    if (!(t->bits[BIT_OF(h) >> 6] & ((uint64_t)1 << (BIT_OF(h) & 63))))
        return NULL;
    size_t i = (size_t)h & t->mask;
    for (;;) {
        const Entry *e = &t->slots[i];
        if (e->row < 0)
            return NULL;
        if (e->hash == h && e->kind == kind && e->len == n && same(t->pool + e->off, s, n))
            return e;
        i = (i + 1) & t->mask;
    }
}

static PyObject *
core_table(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *index, *table;
    Py_ssize_t nlabels;
    if (!PyArg_ParseTuple(args, "O!On", &PyDict_Type, &index, &table, &nlabels))
        return NULL;
    Py_buffer buf;
    if (get_weights(table, nlabels, &buf) < 0)
        return NULL;
    const int32_t *w = (const int32_t *)buf.buf;
    Py_ssize_t nrows = (buf.len / 4) / nlabels;
    Py_ssize_t n = PyDict_Size(index);
    Table *t = PyMem_Calloc(1, sizeof(Table));
    if (t == NULL)
        goto nomem;
    t->nlabels = nlabels;
    /* pass 1: check the items, size the pool */
    Py_ssize_t pos = 0, chars = 0;
    PyObject *key, *value;
    while (PyDict_Next(index, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyLong_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "index must map str to int");
            goto fail;
        }
        if (PyUnicode_GET_LENGTH(key) > PY_SSIZE_T_MAX / 16 - chars) {
            PyErr_NoMemory();
            goto fail;
        }
        chars += PyUnicode_GET_LENGTH(key);
    }
    size_t cap = slots_for(n);
    t->mask = cap - 1;
    t->slots = PyMem_Calloc(cap, sizeof(Entry));
    t->pool = PyMem_Calloc((size_t)chars + 1, sizeof(Py_UCS4));
    t->weights = PyMem_Calloc((size_t)n * (size_t)nlabels + 1, sizeof(int32_t));
    if (t->slots == NULL || t->pool == NULL || t->weights == NULL)
        goto nomem;
    for (size_t i = 0; i < cap; i++)
        t->slots[i].row = -1;
    /* pass 2: fill */
    pos = 0;
    Py_ssize_t used = 0;
    int32_t count = 0;
    while (PyDict_Next(index, &pos, &key, &value)) {
        Py_ssize_t r = PyLong_AsSsize_t(value);
        if (r == -1 && PyErr_Occurred())
            goto fail;
        if (r < 0 || r >= nrows) {
            PyErr_SetString(PyExc_IndexError, "feature row outside the table");
            goto fail;
        }
        if (count >= INT32_MAX || count >= n) {
            PyErr_SetString(PyExc_RuntimeError, "index changed while read");
            goto fail;
        }
        Py_ssize_t start, len = PyUnicode_GET_LENGTH(key);
        int kind = key_of(key, &start);
        if (len > chars - used) {
            PyErr_SetString(PyExc_RuntimeError, "index changed while read");
            goto fail;
        }
        Py_UCS4 *dst = t->pool + used;
        if (PyUnicode_AsUCS4(key, dst, len, 0) == NULL)
            goto fail;
        Py_UCS4 *s = dst + start;
        Py_ssize_t klen = len - start;
        uint64_t h = hash_key(kind, s, klen);
        size_t i = (size_t)h & t->mask;
        while (t->slots[i].row >= 0)
            i = (i + 1) & t->mask;
        Entry *e = &t->slots[i];
        t->bits[BIT_OF(h) >> 6] |= (uint64_t)1 << (BIT_OF(h) & 63);
        e->hash = h;
        e->off = (Py_ssize_t)(s - t->pool);
        e->len = klen;
        e->kind = kind;
        e->row = count;
        memcpy(t->weights + (size_t)count * (size_t)nlabels, w + r * nlabels, (size_t)nlabels * sizeof(int32_t));
        used += len;
        count++;
    }
    PyBuffer_Release(&buf);
    PyObject *cap_obj = PyCapsule_New(t, CAPSULE_NAME, capsule_free);
    if (cap_obj == NULL)
        table_free(t);
    return cap_obj;
nomem:
    PyErr_NoMemory();
fail:
    PyBuffer_Release(&buf);
    table_free(t);
    return NULL;
}

typedef struct {
    const Table *t;
    Seen *seen;
    size_t mask;
    uint32_t gen;
    Py_ssize_t n_plain;
    int64_t plain[MAX_LABELS];
    int64_t cue[MAX_LABELS];
} Acc;

/* Count a feature once, and add its row when the model has it. */
static void
add_feature(Acc *a, int kind, const Py_UCS4 *s, Py_ssize_t n, int is_cue)
{
    /* the dedup key tells a cue from a plain feature: they are different strings in Python */
    int dkind = is_cue ? K_FULL + 1 : kind;
    uint64_t h = hash_key(dkind, s, n);
    size_t i = (size_t)h & a->mask;
    for (;;) {
        Seen *e = &a->seen[i];
        if (e->gen != a->gen) {
            e->hash = h;
            e->s = s;
            e->len = n;
            e->kind = dkind;
            e->gen = a->gen;
            break;
        }
        if (e->hash == h && e->kind == dkind && e->len == n && same(e->s, s, n))
            return;  /* seen already */
        i = (i + 1) & a->mask;
    }
    if (!is_cue)
        a->n_plain++;
    const Table *t = a->t;
    const Entry *m = table_find(t, kind, s, n, kind == dkind ? h : hash_key(kind, s, n));
    if (m == NULL)
        return;
    const int32_t *row = t->weights + (size_t)m->row * (size_t)t->nlabels;
    int64_t *acc = is_cue ? a->cue : a->plain;
    for (Py_ssize_t j = 0; j < t->nlabels; j++)
        acc[j] += row[j];
}

static int
has_non_space(PyObject *u)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(u);
    int k = PyUnicode_KIND(u);
    const void *d = PyUnicode_DATA(u);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(k, d, i)))
            return 1;
    return 0;
}

/* Make *p hold at least want items of size bytes (contents not kept); 0 or -1 (MemoryError set). */
static int
reserve(void **p, size_t *cap, size_t want, size_t size)
{
    if (want <= *cap)
        return 0;
    void *q = PyMem_Calloc(want, size);  /* checks want * size for overflow; zeroed */
    if (q == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyMem_Free(*p);
    *p = q;
    *cap = want;
    return 0;
}

#define LIMIT (PY_SSIZE_T_MAX / 64)
#define SMALL 32

static PyObject *
core_content_sums(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *capsule, *words_in, *text, *others_in, *cues;
    if (!PyArg_ParseTuple(args, "OOUOO", &capsule, &words_in, &text, &others_in, &cues))
        return NULL;
    Table *t = PyCapsule_GetPointer(capsule, CAPSULE_NAME);
    if (t == NULL)
        return NULL;
    if (!PyAnySet_Check(cues)) {
        PyErr_SetString(PyExc_TypeError, "cues must be a set");
        return NULL;
    }
    /* others as an owned tuple, looked up in cues first: a set look-up may run Python code (an
       __eq__), which then cannot change what this call reads; words are read after it, and from
       there on no Python code runs until the result is built */
    PyObject *others = PySequence_Tuple(others_in);
    if (others == NULL)
        return NULL;
    char small[SMALL], *is_cue = small;
    PyObject *words = NULL, *result = NULL;
    Acc a;
    Py_ssize_t no = PyTuple_GET_SIZE(others), nw_all = 0;
    PyObject **ov = PySequence_Fast_ITEMS(others), **wv = NULL;
    Py_ssize_t tl = PyUnicode_GET_LENGTH(text);
    Py_ssize_t nw = 0, wchars = 0, ochars = 0;
    if (tl > LIMIT || no > LIMIT) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < no; i++) {
        if (!PyUnicode_Check(ov[i])) {
            PyErr_SetString(PyExc_TypeError, "features must be str");
            goto done;
        }
        if (PyUnicode_GET_LENGTH(ov[i]) > LIMIT - ochars) {
            PyErr_NoMemory();
            goto done;
        }
        ochars += PyUnicode_GET_LENGTH(ov[i]);
    }
    if (no > SMALL && (is_cue = PyMem_Malloc((size_t)no)) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < no; i++) {
        int c = PySet_Contains(cues, ov[i]);
        if (c < 0)
            goto done;
        is_cue[i] = (char)c;
    }
    words = PySequence_Fast(words_in, "words must be a sequence");
    if (words == NULL)
        goto done;
    nw_all = PySequence_Fast_GET_SIZE(words);
    wv = PySequence_Fast_ITEMS(words);
    if (nw_all > LIMIT) {
        PyErr_NoMemory();
        goto done;
    }
    /* sizes: the kept words' characters */
    for (Py_ssize_t i = 0; i < nw_all; i++) {
        if (!PyUnicode_Check(wv[i])) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            goto done;
        }
        if (PyUnicode_GET_LENGTH(wv[i]) > LIMIT - wchars) {
            PyErr_NoMemory();
            goto done;
        }
        if (has_non_space(wv[i])) {
            wchars += PyUnicode_GET_LENGTH(wv[i]);
            nw++;
        }
    }
    if (t->busy) {
        PyErr_SetString(PyExc_RuntimeError, "content_sums re-entered");
        goto done;
    }
    /* layout of buf: text | kept words | bigrams "a|b" | others */
    size_t total = (size_t)tl + 3 * (size_t)wchars + (size_t)nw + (size_t)ochars + 1;
    size_t ncand = 2 * (size_t)nw + 3 * (size_t)tl + (size_t)no;
    size_t cap = slots_for((Py_ssize_t)ncand);
    if (reserve((void **)&t->buf, &t->buf_cap, total, sizeof(Py_UCS4)) < 0
        || reserve((void **)&t->wpos, &t->wpos_cap, 2 * (size_t)nw + 2, sizeof(Py_ssize_t)) < 0)
        goto done;
    if (cap > t->seen_cap) {
        if (reserve((void **)&t->seen, &t->seen_cap, cap, sizeof(Seen)) < 0)
            goto done;
        t->gen = 0;  /* fresh zeroed slots */
    }
    if (++t->gen == 0) {  /* wrapped: every slot's gen could equal a future one */
        memset(t->seen, 0, t->seen_cap * sizeof(Seen));
        t->gen = 1;
    }
    t->busy = 1;
    memset(&a, 0, sizeof(a));
    a.t = t;
    a.seen = t->seen;
    a.mask = cap - 1;
    a.gen = t->gen;
    Py_UCS4 *buf = t->buf;
    Py_ssize_t *wpos = t->wpos;
    Py_ssize_t at = tl, k = 0;
    if (PyUnicode_AsUCS4(text, buf, tl, 0) == NULL)
        goto unbusy;
    for (Py_ssize_t i = 0; i < nw_all; i++) {
        if (!has_non_space(wv[i]))
            continue;
        Py_ssize_t len = PyUnicode_GET_LENGTH(wv[i]);
        if (PyUnicode_AsUCS4(wv[i], buf + at, len, 0) == NULL)
            goto unbusy;
        wpos[2 * k] = at;
        wpos[2 * k + 1] = len;
        at += len;
        k++;
    }
    for (Py_ssize_t i = 0; i < nw; i++)
        add_feature(&a, K_WORD, buf + wpos[2 * i], wpos[2 * i + 1], 0);
    for (Py_ssize_t i = 0; i + 1 < nw; i++) {
        Py_ssize_t start = at, la = wpos[2 * i + 1], lb = wpos[2 * i + 3];
        memcpy(buf + at, buf + wpos[2 * i], (size_t)la * sizeof(Py_UCS4));
        at += la;
        buf[at++] = '|';
        memcpy(buf + at, buf + wpos[2 * i + 2], (size_t)lb * sizeof(Py_UCS4));
        at += lb;
        add_feature(&a, K_BIGRAM, buf + start, at - start, 0);
    }
    for (Py_ssize_t n = 1; n <= 3; n++)
        for (Py_ssize_t i = 0; i + n <= tl; i++)
            add_feature(&a, K_CHAR, buf + i, n, 0);
    for (Py_ssize_t i = 0; i < no; i++) {
        Py_ssize_t len = PyUnicode_GET_LENGTH(ov[i]);
        if (PyUnicode_AsUCS4(ov[i], buf + at, len, 0) == NULL)
            goto unbusy;
        add_feature(&a, K_FULL, buf + at, len, is_cue[i]);
        at += len;
    }
    t->busy = 0;
    result = PyTuple_New(3);
    if (result == NULL)
        goto done;
    PyObject *v = PyLong_FromSsize_t(a.n_plain);
    if (v == NULL)
        goto drop;
    PyTuple_SET_ITEM(result, 0, v);
    if ((v = sums_tuple(a.plain, t->nlabels)) == NULL)
        goto drop;
    PyTuple_SET_ITEM(result, 1, v);
    if ((v = sums_tuple(a.cue, t->nlabels)) == NULL)
        goto drop;
    PyTuple_SET_ITEM(result, 2, v);
    goto done;
unbusy:
    t->busy = 0;
    goto done;
drop:
    Py_CLEAR(result);
done:
    if (is_cue != small)
        PyMem_Free(is_cue);
    Py_DECREF(others);
    Py_XDECREF(words);
    return result;
}

static PyMethodDef methods[] = {
    {"sums", core_sums, METH_VARARGS,
     "sums(feats, index, table, nlabels) -> per-label exact integer sums of the rows of the features found"},
    {"table", core_table, METH_VARARGS,
     "table(index, table, nlabels) -> the model's features as a C table for content_sums"},
    {"content_sums", core_content_sums, METH_VARARGS,
     "content_sums(table, words, text, others, cues) -> (n_plain, plain sums, cue sums) of a paragraph"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_core", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__core(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "ABI", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
