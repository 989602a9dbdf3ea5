// A JavaScript initializer: Blazor fetches this module itself and calls beforeServerStart just before it opens a
// circuit. Server-rendered pages hold no circuit, so they load neither MudBlazor's script nor the reconnect dialog's
// (App.razor): a family's first visit stays light. When enhanced navigation or an enhanced form brings an interactive
// page into such a page, its scripts in the new markup do not run; this loads them before the circuit starts. A page
// loaded as interactive already has both, and this does nothing.
function loadScript(src) {
    return new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("Could not load " + src)); };
        document.head.appendChild(script);
    });
}

export async function beforeServerStart() {
    if (window.mudElementRef) {
        return;
    }

    await loadScript(new URL("_content/MudBlazor/MudBlazor.min.js", document.baseURI).href);
    if (document.getElementById("components-reconnect-modal")) {
        await import(new URL("Components/Layout/ReconnectModal.razor.js", document.baseURI).href);
    }
}
