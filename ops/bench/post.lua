-- wrk script: POST a chat completion request (BENCH_STREAM=1 asks for a streamed answer).
local stream = os.getenv("BENCH_STREAM") == "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench-client"
wrk.headers["Accept"] = stream and "text/event-stream" or "application/json"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"Say hello"}],"stream":' ..
    (stream and "true" or "false") .. '}'
