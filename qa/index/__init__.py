"""Vectors and keywords: embedding, BM25, the persisted store, the indexer, retrieval."""
