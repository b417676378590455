// Gavah: resumable evidence upload (tus 1.0 core + creation) for the upload page.
// Without this script the page's form posts the file in one request; with it, the file goes in
// chunks, and after a broken connection the client asks the server (HEAD) how much arrived and
// goes on from there. The upload's address is kept in localStorage under the file's name, size
// and date, so choosing the same file again after a reload resumes it too.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.fetch || !window.Blob || !Blob.prototype.slice) { return; }
  var api = form.dataset.api;
  var chunk = parseInt(form.dataset.chunk, 10) || 5242880;
  var csrf = form.dataset.csrf;
  var lang = form.dataset.lang;
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var TUS = "1.0.0";
  var RETRIES = 30;

  function say(key) { status.textContent = status.dataset[key] || ""; }
  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }
  function b64(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary);
  }
  function headers(extra) {
    var h = { "Tus-Resumable": TUS, "X-CSRF-Token": csrf };
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }
  function show(offset, size) {
    bar.hidden = false;
    bar.value = size ? Math.floor(100 * offset / size) : 100;
  }
  function keyOf(file) { return "gavah-upload:" + file.name + ":" + file.size + ":" + file.lastModified; }

  function create(file) {
    var meta = ["filename", "source", "case", "note"].map(function (name) {
      var value = name === "filename" ? file.name : (form.elements[name].value || "").trim();
      return value ? name + " " + b64(value) : null;
    }).filter(Boolean).join(",");
    return fetch(api, {
      method: "POST", credentials: "same-origin",
      headers: headers({ "Upload-Length": String(file.size), "Upload-Metadata": meta })
    }).then(function (r) {
      if (r.status !== 201) { throw new Error("create " + r.status); }
      return r;
    });
  }

  function offsetOf(url) {
    return fetch(url, { method: "HEAD", credentials: "same-origin", headers: headers() })
      .then(function (r) {
        if (r.status === 404) { return null; }
        if (!r.ok) { throw new Error("head " + r.status); }
        return r;
      });
  }

  function finish(response) {
    var id = response.headers.get("Gavah-Evidence-Id");
    if (!id) { return false; }
    say("done");
    window.location.assign("/" + lang + "/workspace/evidence/" + id + "?uploaded=1");
    return true;
  }

  async function send(file, url) {
    var failures = 0;
    var offset = null;
    while (true) {
      try {
        if (offset === null) {
          var head = await offsetOf(url);
          if (head === null) { return null; }
          if (finish(head)) { return true; }
          offset = parseInt(head.headers.get("Upload-Offset"), 10);
        }
        show(offset, file.size);
        say("sending");
        var r = await fetch(url, {
          method: "PATCH", credentials: "same-origin",
          headers: headers({ "Upload-Offset": String(offset),
                             "Content-Type": "application/offset+octet-stream" }),
          body: file.slice(offset, Math.min(offset + chunk, file.size))
        });
        if (r.status === 409) { offset = null; continue; }
        if (r.status !== 204) { throw new Error("patch " + r.status); }
        if (finish(r)) { return true; }
        offset = parseInt(r.headers.get("Upload-Offset"), 10);
        failures = 0;
      } catch (err) {
        failures += 1;
        if (failures > RETRIES) { throw err; }
        say("waiting");
        offset = null;
        await wait(Math.min(30000, 500 * Math.pow(2, Math.min(failures, 6))));
      }
    }
  }

  form.addEventListener("submit", async function (event) {
    var file = form.elements.file.files[0];
    if (!file || !form.reportValidity()) { return; }
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    var key = keyOf(file);
    try {
      var url = window.localStorage.getItem(key);
      var done = url ? await send(file, url) : null;
      if (done === null) {
        var created = await create(file);
        if (finish(created)) { return; }
        url = new URL(created.headers.get("Location"), window.location.href).pathname;
        window.localStorage.setItem(key, url);
        await send(file, url);
      }
      window.localStorage.removeItem(key);
    } catch (err) {
      say("failed");
      form.querySelector("button[type=submit]").disabled = false;
    }
  });
})();
