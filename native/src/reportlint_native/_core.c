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

#define MAX_LABELS 64

static PyObject *
core_sums(PyObject *self, PyObject *args)
{
    PyObject *feats, *index, *table;
    Py_ssize_t nlabels;
    if (!PyArg_ParseTuple(args, "OO!On", &feats, &PyDict_Type, &index, &table, &nlabels))
        return NULL;
    if (nlabels <= 0 || nlabels > MAX_LABELS) {
        PyErr_SetString(PyExc_ValueError, "nlabels out of range");
        return NULL;
    }
    Py_buffer buf;
    if (PyObject_GetBuffer(table, &buf, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    if (buf.itemsize != 4 || (buf.format && strcmp(buf.format, "i") != 0 && strcmp(buf.format, "=i") != 0
                              && strcmp(buf.format, "<i") != 0)) {
        PyBuffer_Release(&buf);
        PyErr_SetString(PyExc_TypeError, "table must be a buffer of int32");
        return NULL;
    }
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
    PyObject *out = PyTuple_New(nlabels);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < nlabels; i++) {
        PyObject *v = PyLong_FromLongLong(acc[i]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
fail:
    Py_DECREF(it);
    PyBuffer_Release(&buf);
    return NULL;
}

static PyMethodDef methods[] = {
    {"sums", core_sums, METH_VARARGS,
     "sums(feats, index, table, nlabels) -> per-label exact integer sums of the rows of the features found"},
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
