// CustomerManager: small progressive enhancements; every page works without them.
(function () {
    'use strict';

    // Show a field only while another field has a given value:
    // <div data-depends-on="Role" data-depends-value="PanelMember">…</div>
    function applyDependencies() {
        document.querySelectorAll('[data-depends-on]').forEach(function (element) {
            var source = document.getElementById(element.getAttribute('data-depends-on'));
            if (!source) {
                return;
            }
            var update = function () {
                element.hidden = source.value !== element.getAttribute('data-depends-value');
            };
            source.addEventListener('change', update);
            update();
        });
    }

    // What a field holds in the database: data-saved when the page shows something typed (a preview, a refusal),
    // else what the page came with.
    function savedValue(field) {
        var saved = field.getAttribute('data-saved');
        return saved !== null ? saved : field.defaultValue;
    }

    // True when a field of the form no longer holds what is saved.
    function isDirty(form) {
        return Array.prototype.some.call(form.elements, function (field) {
            if (field.type === 'checkbox' || field.type === 'radio') {
                return field.checked !== field.defaultChecked;
            }
            return field.tagName !== 'BUTTON' && field.type !== 'hidden' && field.value !== savedValue(field);
        });
    }

    // Whether this tab can keep something for the next page (private modes and full storage cannot).
    function canKeep() {
        try {
            window.sessionStorage.setItem('typed:probe', '1');
            window.sessionStorage.removeItem('typed:probe');
            return true;
        } catch (e) {
            return false;
        }
    }

    // Ask before a destructive action: <form data-confirm="Are you sure?">; with data-confirm-dirty="form-id"
    // and data-confirm-dirty-text, also say that what was typed in that other form and not saved is lost.
    function applyConfirmations() {
        document.querySelectorAll('form[data-confirm]').forEach(function (form) {
            form.addEventListener('submit', function (event) {
                var question = form.getAttribute('data-confirm');
                var other = document.getElementById(form.getAttribute('data-confirm-dirty') || '');
                var keeps = other && other.hasAttribute('data-keep-typed') && canKeep();
                if (other && isDirty(other)) {
                    question += '\n\n' + form.getAttribute(keeps ? 'data-confirm-dirty-text' : 'data-confirm-dirty-lost-text');
                }
                if (!window.confirm(question)) {
                    event.preventDefault();
                    return;
                }
                if (keeps) {
                    keepTyped(other);
                }
            });
        });
    }

    // <form data-keep-typed="name">: what was typed in it and not saved survives another form's post on the page
    // (retiring a criterion reloads the page): kept in the tab's session storage, put back once, then forgotten.
    function keepTyped(form) {
        var typed = {};
        form.querySelectorAll('input[id]').forEach(function (field) {
            if (field.type !== 'hidden' && field.value !== savedValue(field)) {
                typed[field.id] = field.value;
            }
        });
        try {
            window.sessionStorage.setItem('typed:' + form.getAttribute('data-keep-typed'), JSON.stringify(typed));
        } catch (e) {
            // Storage refused after all: what was typed is lost, as without script.
        }
    }

    function restoreTyped() {
        var form = document.querySelector('form[data-keep-typed]');
        if (!form) {
            return;
        }
        var key = 'typed:' + form.getAttribute('data-keep-typed');
        var typed;
        try {
            typed = JSON.parse(window.sessionStorage.getItem(key) || 'null');
            window.sessionStorage.removeItem(key);
        } catch (e) {
            return;
        }
        var restored = 0;
        Object.keys(typed || {}).forEach(function (id) {
            var field = document.getElementById(id);
            if (field && form.contains(field) && field.type !== 'hidden') {
                field.value = typed[id];
                field.dispatchEvent(new Event('input', { bubbles: true }));
                restored++;
            }
        });
        var notice = document.querySelector('[data-typed-kept]');
        if (restored > 0 && notice) {
            notice.classList.remove('d-none');
        }
    }

    // Weights count as their share of the total: the shares follow what is typed. <input data-weight-of="3">,
    // <td data-share-of="3">. A weight that is not (yet) a number keeps the others' shares as they were.
    function applyWeightShares() {
        var inputs = document.querySelectorAll('input[data-weight-of]');
        if (inputs.length === 0) {
            return;
        }
        var percent = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
        var read = function (text) {
            var normal = (text || '').trim().replace(/[０-９]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xFEE0); }).replace('．', '.');
            return /^(\d+\.?\d*|\.\d+)$/.test(normal) ? parseFloat(normal) : NaN;
        };
        var update = function () {
            var weights = Array.prototype.map.call(inputs, function (input) { return [input.getAttribute('data-weight-of'), read(input.value)]; });
            if (weights.some(function (w) { return isNaN(w[1]) || w[1] <= 0; })) {
                return;
            }
            var total = weights.reduce(function (sum, w) { return sum + w[1]; }, 0);
            weights.forEach(function (w) {
                var cell = document.querySelector('[data-share-of="' + w[0] + '"]');
                if (cell) {
                    cell.textContent = percent.format(w[1] / total);
                }
            });
        };
        inputs.forEach(function (input) { input.addEventListener('input', update); });
    }

    // Charts from data attributes (Chart.js, vendored): <canvas data-chart="bar|line" data-labels="[…]"
    // data-values="[…]" data-colors="[…]" data-label="…">. The numbers are also in a table beside it.
    function applyCharts() {
        if (!window.Chart) {
            return;
        }
        document.querySelectorAll('canvas[data-chart="stacked"]').forEach(function (canvas) {
            // <canvas data-chart="stacked" data-labels="[…]" data-datasets="[{label, color, data: […]}]">: one
            // horizontal bar per label, its parts stacked to 100 % (shares), with a legend.
            var sets = JSON.parse(canvas.getAttribute('data-datasets') || '[]');
            new window.Chart(canvas, {
                type: 'bar',
                data: {
                    labels: JSON.parse(canvas.getAttribute('data-labels') || '[]'),
                    datasets: sets.map(function (set) {
                        return { label: set.label, data: set.data, backgroundColor: set.color };
                    })
                },
                options: {
                    indexAxis: 'y',
                    responsive: true,
                    maintainAspectRatio: false,
                    animation: false,
                    plugins: {
                        legend: { position: 'bottom' },
                        tooltip: { callbacks: { label: function (item) { return item.dataset.label + (/^zh/.test(document.documentElement.lang) ? '：' : ': ') + item.formattedValue + ' %'; } } }
                    },
                    scales: {
                        x: { stacked: true, min: 0, max: 100, title: { display: true, text: canvas.getAttribute('data-label') || '' } },
                        y: { stacked: true }
                    }
                }
            });
        });
        document.querySelectorAll('canvas[data-chart="lines"]').forEach(function (canvas) {
            // <canvas data-chart="lines" data-labels="[…]" data-datasets="[{label, color, data: […], axis: 'y'|'y2'}]"
            // data-y-label data-y2-label>: several lines, shares on the left axis, prices (when given) on the right.
            var sets = JSON.parse(canvas.getAttribute('data-datasets') || '[]');
            var second = sets.some(function (set) { return set.axis === 'y2'; });
            var scales = { y: { beginAtZero: true, title: { display: true, text: canvas.getAttribute('data-y-label') || '' } } };
            if (second) {
                scales.y2 = { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: canvas.getAttribute('data-y2-label') || '' } };
            }
            new window.Chart(canvas, {
                type: 'line',
                data: {
                    labels: JSON.parse(canvas.getAttribute('data-labels') || '[]'),
                    datasets: sets.map(function (set) {
                        return { label: set.label, data: set.data, borderColor: set.color, backgroundColor: set.color, yAxisID: set.axis || 'y', tension: 0.2, spanGaps: true };
                    })
                },
                options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } }, scales: scales }
            });
        });
        document.querySelectorAll('canvas[data-chart]:not([data-chart="stacked"]):not([data-chart="lines"])').forEach(function (canvas) {
            var type = canvas.getAttribute('data-chart');
            var values = JSON.parse(canvas.getAttribute('data-values') || '[]');
            var colors = JSON.parse(canvas.getAttribute('data-colors') || '[]');
            new window.Chart(canvas, {
                type: type,
                data: {
                    labels: JSON.parse(canvas.getAttribute('data-labels') || '[]'),
                    datasets: [{
                        label: canvas.getAttribute('data-label') || '',
                        data: values,
                        backgroundColor: colors.length ? colors : '#0d6efd',
                        borderColor: type === 'line' ? '#0d6efd' : undefined,
                        tension: 0.2
                    }]
                },
                options: {
                    responsive: true,
                    maintainAspectRatio: false,
                    animation: false,
                    plugins: { legend: { display: false } },
                    scales: type === 'line' ? { y: { suggestedMin: 40, suggestedMax: 100 } } : { y: { beginAtZero: true, ticks: { precision: 0 } } }
                }
            });
        });
    }

    function applyPrintButtons() {
        document.querySelectorAll('[data-print]').forEach(function (button) {
            button.addEventListener('click', function () { window.print(); });
        });
    }

    // Warn as soon as a date is chosen that a closed cycle holds (the server refuses it too):
    // <input data-frozen-periods='[{"start":"2026-07-01","end":"2026-09-30","message":"…"}]' aria-describedby="warning-id">
    function applyFrozenPeriods() {
        document.querySelectorAll('input[data-frozen-periods]').forEach(function (input) {
            var periods = JSON.parse(input.getAttribute('data-frozen-periods') || '[]');
            var warning = document.getElementById(input.getAttribute('aria-describedby'));
            if (!warning || periods.length === 0) {
                return;
            }
            var update = function () {
                var day = (input.value || '').substring(0, 10);
                var hit = day && periods.find(function (p) { return day >= p.start && day <= p.end; });
                warning.textContent = hit ? hit.message : '';
                warning.hidden = !hit;
                input.classList.toggle('is-invalid', !!hit);
            };
            input.addEventListener('input', update);
            input.addEventListener('change', update);
            // When the server already refused the date, its message says it: no second one on top.
            var refused = document.querySelector('[data-valmsg-for="' + input.name + '"]');
            if (!refused || !refused.textContent.trim()) {
                update();
            }
        });
    }

    // On a page that answered a form (a validation error, a preview), switching the language posts that form
    // again, with everything typed, through the server (which sets the language and sends it back with a 307):
    // <body data-posted-to="/Cycles/Create">, the work form marked data-keeps-work or posted to that address.
    function applyLanguageSwitchAfterPost() {
        var postedTo = document.body.getAttribute('data-posted-to');
        var switcher = document.getElementById('language-switch');
        if (!postedTo || !switcher) {
            return;
        }
        var postedPath = new URL(postedTo, window.location.href).pathname;
        var work = document.querySelector('form[data-keeps-work]') ||
            Array.prototype.find.call(document.querySelectorAll('main form[method="post"]'), function (form) {
                return new URL(form.getAttribute('action') || postedTo, window.location.href).pathname === postedPath;
            });
        if (!work) {
            return;
        }
        switcher.querySelectorAll('button[name="culture"]').forEach(function (button) {
            button.addEventListener('click', function (event) {
                event.preventDefault();
                [['__culture', button.value], ['__postedTo', postedTo]].forEach(function (pair) {
                    var input = document.createElement('input');
                    input.type = 'hidden';
                    input.name = pair[0];
                    input.value = pair[1];
                    work.appendChild(input);
                });
                work.setAttribute('action', switcher.getAttribute('data-repost-action'));
                work.setAttribute('method', 'post');
                HTMLFormElement.prototype.submit.call(work);
            });
        });
    }

    // Ticking many rows: <input type=checkbox data-select-all="ids"> ticks every box named ids in its form;
    // <button data-needs-selection="ids"> is enabled only while one is ticked; <span data-count-of="ids"
    // data-count-text="{0} selected"> says how many.
    function applySelections() {
        document.querySelectorAll('input[data-select-all]').forEach(function (all) {
            var name = all.getAttribute('data-select-all');
            var form = all.form;
            var boxes = function () { return form.querySelectorAll('input[type=checkbox][name="' + name + '"]'); };
            var update = function () {
                var ticked = Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
                all.checked = ticked > 0 && ticked === boxes().length;
                all.indeterminate = ticked > 0 && ticked < boxes().length;
                form.querySelectorAll('[data-needs-selection="' + name + '"]').forEach(function (button) { button.disabled = ticked === 0; });
                form.querySelectorAll('[data-count-of="' + name + '"]').forEach(function (label) {
                    if (label.hint === undefined) {
                        label.hint = label.textContent;
                    }
                    label.textContent = ticked > 0 ? label.getAttribute('data-count-text').replace('{0}', ticked) : label.hint;
                });
            };
            all.addEventListener('change', function () {
                boxes().forEach(function (b) { b.checked = all.checked; });
                update();
            });
            boxes().forEach(function (b) { b.addEventListener('change', update); });
            update();
        });
    }

    // A manager box (<input data-manager-lookup="/AccountManagers/Lookup" list="...">): as one types, its
    // datalist offers the matching managers (employee number, with name and district), a few at a time.
    function applyManagerLookups() {
        document.querySelectorAll('input[data-manager-lookup]').forEach(function (input) {
            var list = document.getElementById(input.getAttribute('list'));
            var timer = null;
            var asked = null;
            if (!list) {
                return;
            }
            input.addEventListener('input', function () {
                clearTimeout(timer);
                timer = setTimeout(function () {
                    var q = input.value.trim();
                    if (q === asked) {
                        return;
                    }
                    asked = q;
                    var url = input.getAttribute('data-manager-lookup');
                    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
                        .then(function (response) { return response.ok ? response.json() : []; })
                        .then(function (managers) {
                            list.replaceChildren.apply(list, managers.map(function (m) {
                                var option = document.createElement('option');
                                option.value = m.value;
                                option.label = m.label;
                                option.textContent = m.label;
                                return option;
                            }));
                        })
                        .catch(function () { /* no suggestions: the box still takes what is typed */ });
                }, 200);
            });
        });
    }

    // A choice that applies at once (the pager's page size, a switch): <select or input data-submit-on-change>; the form's button
    // marked data-submit-on-change-fallback is only for browsers without this script, and hidden here.
    function applySubmitOnChange() {
        document.querySelectorAll('select[data-submit-on-change], input[data-submit-on-change]').forEach(function (select) {
            var form = select.form;
            if (!form) {
                return;
            }
            form.querySelectorAll('[data-submit-on-change-fallback]').forEach(function (button) {
                button.hidden = true;
            });
            select.addEventListener('change', function () {
                form.requestSubmit();
            });
        });
    }

    // A table row that opens its record wherever it is tapped: <tr class="row-link"> with the record's link in it
    // (marked data-row-target, or the row's first link). The link stays what keyboards and screen readers use;
    // taps on the row's own links, buttons and check boxes (the bulk selection) do what they always did.
    function applyRowLinks() {
        document.querySelectorAll('tr.row-link').forEach(function (row) {
            var link = row.querySelector('a[data-row-target]') || row.querySelector('a[href]');
            if (!link) {
                return;
            }
            row.addEventListener('click', function (event) {
                var target = event.target;
                if (target.closest('a, button, input, select, textarea, label, summary')) {
                    return;
                }
                var cell = target.closest('td, th');
                if (cell && cell.querySelector('input, button, select, textarea')) {
                    return;
                }
                var selection = window.getSelection ? String(window.getSelection()) : '';
                if (selection) {
                    return; // the user is selecting text to copy, not opening the record
                }
                if (event.ctrlKey || event.metaKey || event.shiftKey) {
                    window.open(link.href, '_blank', 'noopener');
                } else {
                    window.location.assign(link.href);
                }
            });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        applySelections();
        applyLanguageSwitchAfterPost();
        applyFrozenPeriods();
        applyPrintButtons();
        applyDependencies();
        applyConfirmations();
        applyWeightShares();
        restoreTyped();
        applyCharts();
        applySubmitOnChange();
        applyManagerLookups();
        applyRowLinks();
    });
})();
