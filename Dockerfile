# The assistant's image for compose.yaml (web and worker). CPU-only torch, pinned.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY assistant assistant
COPY ingest ingest
COPY bots bots
COPY evals evals
COPY prompts prompts
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
    && pip install --no-cache-dir '.[shared]'
ENV HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
EXPOSE 8000
CMD ["assistant", "serve", "--host", "0.0.0.0", "--port", "8000"]
