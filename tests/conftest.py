import os

# pythainlp must neither write to $HOME nor try the network, in tests as in the product.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
