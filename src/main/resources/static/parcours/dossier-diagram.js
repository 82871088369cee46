/*
 * Parcours: the diagrams of a dossier page (templates/dossiers/page.html), drawn by the vendored bpmn-js
 * navigated viewer (vendor/bpmn-js) from Parcours itself, no network. Each <div class="diagram"> names the
 * address of its BPMN (data-xml) and the ids of the steps the dossier is at (data-active) and has been through
 * (data-done); they are marked, and the diagram is fitted to its box, or, when that is too small to read, shown
 * around the current step (drag to move, wheel to zoom). The page tells the same in words.
 */
(function () {
  function ids(value) {
    return (value || '').split(' ').filter(function (id) { return id.length > 0; });
  }

  function draw(box) {
    var viewer = new BpmnJS({ container: box });
    fetch(box.getAttribute('data-xml'), { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(answer.status);
        }
        return answer.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        ids(box.getAttribute('data-done')).forEach(function (id) {
          if (registry.get(id)) { canvas.addMarker(id, 'parcours-done'); }
        });
        ids(box.getAttribute('data-active')).forEach(function (id) {
          if (registry.get(id)) { canvas.addMarker(id, 'parcours-active'); }
        });
        canvas.zoom('fit-viewport');
        // a large diagram fitted to its box is too small to read: show the current step at a readable size
        var current = ids(box.getAttribute('data-active')).map(function (id) { return registry.get(id); })
          .filter(function (element) { return element && !element.waypoints; })[0];
        if (current && canvas.zoom() < 0.7) {
          canvas.zoom(0.9);
          canvas.scrollToElement(current, { top: 150, bottom: 150, left: 300, right: 300 });
        }
        box.setAttribute('data-drawn', 'true');
      })
      .catch(function () {
        box.textContent = box.getAttribute('data-error');
        box.setAttribute('data-drawn', 'false');
      });
  }

  document.querySelectorAll('.diagram[data-xml]').forEach(draw);
})();
