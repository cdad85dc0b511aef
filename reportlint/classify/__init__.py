"""Paragraph classifier: corpus loading, features, training (scikit-learn), prediction (pure Python)."""
