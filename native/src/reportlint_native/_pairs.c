/* The pair loop of reportlint's DUP004 (kind duplicate, unit clause): which earlier clauses are
 * near enough to a clause to be compared by edit similarity.
 *
 * near_pairs(keys, limit) -> list of (k, c) tuples, k ascending, then c ascending
 *   keys   a list of str: the clauses' normalised texts, in document order
 *   limit  the rule's similarity (a float)
 * (k, c) with c < k is listed when both hold, exactly as the pure-Python twin
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
#include <stdlib.h>

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

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

static PyObject *
near_pairs(PyObject *self, PyObject *args)
{
    PyObject *keys, *out = NULL;
    double limit;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!d", &PyList_Type, &keys, &limit))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys), total = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *key = PyList_GET_ITEM(keys, k);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "near_pairs: keys must be str");
            return NULL;
        }
        if (PyUnicode_READY(key) < 0)
            return NULL;
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        total += len > 1 ? len - 1 : 1;
        if (total < 0 || (size_t)total > PY_SSIZE_T_MAX / sizeof(uint64_t)) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    /* codes: every key's distinct bigrams, sorted, at start[k] .. start[k] + count[k] */
    uint64_t *codes = PyMem_Malloc((size_t)(total > 0 ? total : 1) * sizeof(uint64_t));
    Py_ssize_t *meta = PyMem_Malloc((size_t)(n > 0 ? n : 1) * 3 * sizeof(Py_ssize_t));
    if (codes == NULL || meta == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *start = meta, *count = meta + n, *length = meta + 2 * n, pos = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *key = PyList_GET_ITEM(keys, k);
        int kind = PyUnicode_KIND(key);
        const void *data = PyUnicode_DATA(key);
        Py_ssize_t len = PyUnicode_GET_LENGTH(key), m = 0;
        uint64_t *c = codes + pos;
        if (len == 1)
            c[m++] = ((uint64_t)1 << 63) | PyUnicode_READ(kind, data, 0);
        for (Py_ssize_t i = 0; i + 1 < len; i++)
            c[m++] = ((uint64_t)PyUnicode_READ(kind, data, i) << 32) | PyUnicode_READ(kind, data, i + 1);
        if (m > 1) {
            qsort(c, (size_t)m, sizeof(uint64_t), cmp_u64);
            Py_ssize_t u = 1;
            for (Py_ssize_t i = 1; i < m; i++)
                if (c[i] != c[u - 1])
                    c[u++] = c[i];
            m = u;
        }
        start[k] = pos;
        count[k] = m;
        length[k] = len;
        pos += len > 1 ? len - 1 : 1;
    }
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    for (Py_ssize_t k = 1; k < n; k++) {
        double need = limit * 0.5 * (double)(count[k] > 1 ? count[k] : 1);
        for (Py_ssize_t c = 0; c < k; c++) {
            Py_ssize_t lo = length[k] < length[c] ? length[k] : length[c];
            Py_ssize_t hi = length[k] < length[c] ? length[c] : length[k];
            if (!((double)lo >= limit * (double)hi))
                continue;
            if (!((double)shared(codes + start[k], count[k], codes + start[c], count[c]) >= need))
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

static PyMethodDef methods[] = {
    {"near_pairs", near_pairs, METH_VARARGS,
     "near_pairs(keys, limit) -> [(k, c), ...]: the earlier clauses c near enough to clause k (DUP004)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pairs", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC
PyInit__pairs(void)
{
    return PyModule_Create(&module);
}
