// Column names to choose from on the "new validation run" form.
//
// When a CSV file is chosen, its first ~200 KB are read HERE, in the browser: the header
// line gives the column names, offered as <datalist> suggestions on the column fields
// (inputs with data-column), and the distinct values of the outcome column are offered
// for the "positive value" field (data-values-of="label"). Nothing is sent to the server
// before the user presses the button, and nothing is kept. Excel and Parquet files: the
// user types the names. Without JavaScript the form works exactly the same.
(() => {
  const form = document.querySelector("[data-run-form]");
  const file = form && form.querySelector("input[type=file]:not([multiple])");
  if (!file || !form.querySelector("[data-column]") || !window.TextDecoder) return;

  const LIMIT = 200 * 1024; // bytes read from the start of the file
  const MAX_VALUES = 20; // an outcome has two values; more are not worth listing
  const shown = form.querySelector("[data-file-columns]");
  const notShown = form.querySelector("[data-file-columns-none]");
  let table = { columns: [], all: [], rows: [] };

  // --- reading the start of the file ------------------------------------------------------

  function decode(bytes) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a BOM
    } catch {
      return new TextDecoder("windows-1252").decode(bytes); // as the server does
    }
  }

  // Rows of a CSV text: quoted fields may hold the delimiter, quotes ("") and newlines.
  function parse(text, delimiter) {
    const rows = [];
    let row = [], field = "", quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === delimiter) { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field || row.length) { row.push(field); rows.push(row); }
    return rows.map((r) => r.map((v) => v.trim()));
  }

  async function read(chosen) {
    const whole = chosen.size <= LIMIT;
    let bytes = new Uint8Array(await chosen.slice(0, LIMIT).arrayBuffer());
    if (!whole) bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1); // whole lines only
    const text = decode(bytes);
    const header = text.split(/\r?\n/, 1)[0];
    const count = (d) => header.split(d).length;
    const delimiter = [",", ";", "\t", "|"].reduce((a, b) => (count(b) > count(a) ? b : a));
    const [columns = [], ...rows] = parse(text, delimiter);
    return { columns: columns.filter(Boolean), all: columns, rows };
  }

  // --- offering suggestions ---------------------------------------------------------------

  function offer(input, values) {
    let list = document.getElementById(`${input.id}_suggestions`);
    if (!list) {
      list = document.createElement("datalist");
      list.id = `${input.id}_suggestions`;
      input.after(list);
      input.setAttribute("list", list.id);
    }
    list.replaceChildren(
      ...values.map((value) => Object.assign(document.createElement("option"), { value }))
    );
  }

  // A list field ("site, sex"): suggest each remaining column after what is typed.
  function offerColumns(input) {
    const typed = input.value;
    if (input.dataset.column !== "many") return offer(input, table.columns);
    const cut = typed.lastIndexOf(",") + 1;
    const before = cut ? `${typed.slice(0, cut).trimEnd()} ` : "";
    const chosen = typed.slice(0, cut).split(",").map((v) => v.trim());
    offer(input, table.columns.filter((c) => !chosen.includes(c)).map((c) => before + c));
  }

  function offerValues(input) {
    const source = form.querySelector(`[name="${input.dataset.valuesOf}"]`);
    const index = source ? table.all.indexOf(source.value.trim()) : -1;
    const values = new Set();
    for (const row of table.rows) {
      if (index < 0 || values.size >= MAX_VALUES) break;
      if (row[index]) values.add(row[index]);
    }
    offer(input, [...values]);
  }

  function refresh() {
    form.querySelectorAll("[data-column]").forEach(offerColumns);
    form.querySelectorAll("[data-values-of]").forEach(offerValues);
  }

  function show(columns, csv) {
    if (shown) {
      shown.hidden = !columns.length;
      const list = shown.querySelector("[data-file-columns-list]");
      list.replaceChildren(
        ...columns.flatMap((c, i) => [
          ...(i ? [", "] : []),
          Object.assign(document.createElement("code"), { textContent: c }),
        ])
      );
    }
    if (notShown) notShown.hidden = csv || !file.files.length;
  }

  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    const csv = !!chosen && /\.(csv|tsv|txt)$/i.test(chosen.name);
    table = { columns: [], all: [], rows: [] };
    if (csv) {
      try {
        table = await read(chosen);
      } catch {
        // unreadable here: the server will say what is wrong
      }
    }
    show(table.columns, csv);
    refresh();
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("[data-column]")) refresh();
  });
})();
